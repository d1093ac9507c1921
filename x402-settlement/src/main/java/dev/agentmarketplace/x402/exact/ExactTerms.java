package dev.agentmarketplace.x402.exact;

import dev.agentmarketplace.x402.evm.Eip712Domain;
import dev.agentmarketplace.x402.evm.EvmAddress;
import dev.agentmarketplace.x402.evm.EvmPayloadException;
import dev.agentmarketplace.x402.exact.ExactPaymentException.Reason;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.protocol.PaymentRequirements;
import dev.agentmarketplace.x402.protocol.PaymentRequirementsV1;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * What an offered {@code exact} EVM requirement asks, whichever version it was written in: the
 * amount, the payee, and the token's EIP-712 domain (name and version from {@code extra}, chain id
 * from the network, the token as verifying contract). A requirement that cannot say this is the
 * server's mistake, refused as {@code invalid_payment_requirements}.
 */
record ExactTerms(BigInteger amount, EvmAddress payTo, Eip712Domain domain) {

    static ExactTerms of(PaymentRequirements offered) {
        return of(offered.network(), offered.amount(), offered.asset(), offered.payTo(), Optional.of(offered.extra()));
    }

    static ExactTerms of(PaymentRequirementsV1 offered) {
        return of(offered.network(), offered.maxAmountRequired(), offered.asset(), offered.payTo(), offered.extra());
    }

    private static ExactTerms of(
            String network, BigInteger amount, String asset, String payTo, Optional<JsonObject> extra) {
        BigInteger chainId = EvmNetworks.chainId(network)
                .orElseThrow(() -> new ExactPaymentException(
                        Reason.INVALID_NETWORK, "network " + network + " is not an EVM network this verifier knows"));
        try {
            Eip712Domain domain = new Eip712Domain(
                    extraString(extra, "name"), extraString(extra, "version"), chainId, address(asset));
            return new ExactTerms(amount, address(payTo), domain);
        } catch (EvmPayloadException e) {
            throw new ExactPaymentException(
                    Reason.INVALID_PAYMENT_REQUIREMENTS, "the offered requirements are unusable: " + e.getMessage());
        }
    }

    // Addresses are compared case-insensitively: the server's spelling of its own addresses is not
    // checked against EIP-55, only the 20 bytes matter.
    private static EvmAddress address(String value) {
        return EvmAddress.of(value.toLowerCase(Locale.ROOT));
    }

    private static String extraString(Optional<JsonObject> extra, String member) {
        Optional<JsonValue> value = extra.flatMap(e -> e.get(member));
        return value.filter(JsonString.class::isInstance)
                .map(v -> ((JsonString) v).value())
                .orElse(null);
    }
}
