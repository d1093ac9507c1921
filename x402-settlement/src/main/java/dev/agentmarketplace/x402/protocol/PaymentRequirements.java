package dev.agentmarketplace.x402.protocol;

import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One way to pay (v2), an entry of {@code accepts} and, echoed, the {@code accepted} of a payment.
 * {@code extra} is kept as the raw object so that an echo compares equal to what was offered; for
 * {@code exact} on an {@code eip155} network it must carry the token's EIP-712 domain {@code name}
 * and {@code version} (scheme_exact_evm.md), which the signer must take from here.
 */
public record PaymentRequirements(
        String scheme,
        String network,
        BigInteger amount,
        String asset,
        String payTo,
        long maxTimeoutSeconds,
        JsonObject extra) {

    private static final Reason REASON = Reason.INVALID_PAYMENT_REQUIREMENTS;

    public PaymentRequirements {
        Wire.scheme(scheme, "scheme");
        Wire.caip2Network(network, "network");
        Wire.uint256(amount, REASON, "amount");
        if (Wire.isEvm(network)) {
            Wire.evmAddress(asset, REASON, "asset");
            Wire.evmAddress(payTo, REASON, "payTo");
        } else {
            Wire.nonBlank(asset, REASON, "asset");
            Wire.nonBlank(payTo, REASON, "payTo");
        }
        Wire.nonNegative(maxTimeoutSeconds, REASON, "maxTimeoutSeconds");
        Wire.present(extra, REASON, "extra");
        if (isExactEvm(scheme, network)) {
            for (String member : new String[] {"name", "version"}) {
                if (!(extra.members().get(member) instanceof JsonString s)
                        || s.value().isEmpty()) {
                    throw new X402CodecException(
                            REASON, "extra." + member, "exact on EVM needs the token's EIP-712 domain " + member);
                }
            }
        }
    }

    /** Requirements for {@code exact} on an EVM network, with the token's EIP-712 domain in extra. */
    public static PaymentRequirements exactEvm(
            String network,
            BigInteger amount,
            String asset,
            String payTo,
            long maxTimeoutSeconds,
            String tokenName,
            String tokenVersion) {
        Map<String, JsonValue> extra = new LinkedHashMap<>();
        extra.put("name", new JsonString(tokenName));
        extra.put("version", new JsonString(tokenVersion));
        return new PaymentRequirements(
                Wire.EXACT, network, amount, asset, payTo, maxTimeoutSeconds, new JsonObject(extra));
    }

    /** The token's EIP-712 domain name; present whenever the scheme is exact on EVM. */
    public Optional<String> eip712Name() {
        return extraString("name");
    }

    /** The token's EIP-712 domain version; present whenever the scheme is exact on EVM. */
    public Optional<String> eip712Version() {
        return extraString("version");
    }

    private Optional<String> extraString(String member) {
        return extra.get(member).flatMap(v -> v instanceof JsonString s ? Optional.of(s.value()) : Optional.empty());
    }

    static boolean isExactEvm(String scheme, String network) {
        return Wire.EXACT.equals(scheme) && Wire.isEvm(network);
    }
}
