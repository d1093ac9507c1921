package dev.agentmarketplace.x402.interop;

import static dev.agentmarketplace.x402.interop.Json.object;

import dev.agentmarketplace.x402.evm.AuthorizationVerifier;
import dev.agentmarketplace.x402.evm.Eip712Domain;
import dev.agentmarketplace.x402.evm.EvmAddress;
import dev.agentmarketplace.x402.evm.Nonce;
import dev.agentmarketplace.x402.evm.Signature;
import dev.agentmarketplace.x402.evm.TransferWithAuthorization;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.protocol.Authorization;
import dev.agentmarketplace.x402.protocol.ExactEvmPayload;
import dev.agentmarketplace.x402.protocol.PaymentRequirements;
import dev.agentmarketplace.x402.protocol.PaymentRequirementsV1;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keys, tokens and offers the interop tests share, and the bridge from a decoded payment to the verifier. */
final class Fixtures {
    static final String USDC_BASE_SEPOLIA = "0x036CbD53842c5426634e7929541eC2318f3dCF7e";
    static final String USDC_BASE = "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913";
    static final Eip712Domain USDC_ON_BASE_SEPOLIA =
            new Eip712Domain("USDC", "2", BigInteger.valueOf(84532), EvmAddress.of(USDC_BASE_SEPOLIA));
    static final Eip712Domain USDC_ON_BASE =
            new Eip712Domain("USD Coin", "2", BigInteger.valueOf(8453), EvmAddress.of(USDC_BASE));

    /** The known key of vector 2 in the x402 digest (X402.md): a test key, never to be funded. */
    static final String PAYER_KEY = "0x9d2675820d55300a05c8991df217a619bcfdc86e2fd91e56443dbbcf159337fd";

    static final String PAYER = "0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73";
    static final String PAY_TO = "0x7553F6FA4Fb62986b64f79aEFa1fB93ea64A22b1";

    // v1 names its networks; the chain ids are those of their CAIP-2 ids.
    private static final Map<String, BigInteger> V1_CHAIN_IDS =
            Map.of("base", BigInteger.valueOf(8453), "base-sepolia", BigInteger.valueOf(84532));

    private Fixtures() {}

    /** Our v2 offer: USDC on Base Sepolia, to PAY_TO, within 60 s. */
    static PaymentRequirements offer(BigInteger amount) {
        return PaymentRequirements.exactEvm("eip155:84532", amount, USDC_BASE_SEPOLIA, PAY_TO, 60, "USDC", "2");
    }

    /** The same offer in v1's words. */
    static PaymentRequirementsV1 offerV1(BigInteger amount, String resource) {
        return new PaymentRequirementsV1(
                "exact",
                "base-sepolia",
                amount,
                resource,
                "Interop test resource",
                "application/json",
                PAY_TO,
                60,
                USDC_BASE_SEPOLIA,
                Optional.empty(),
                Optional.of(object("name", "USDC", "version", "2")));
    }

    /** The token's EIP-712 domain as a v2 requirement names it: chain from CAIP-2, name and version from extra. */
    static Eip712Domain domainOf(PaymentRequirements accepted) {
        return new Eip712Domain(
                accepted.eip712Name().orElseThrow(),
                accepted.eip712Version().orElseThrow(),
                new BigInteger(accepted.network().substring("eip155:".length())),
                EvmAddress.of(accepted.asset()));
    }

    static Eip712Domain domainOf(PaymentRequirementsV1 accepted) {
        JsonObject extra = accepted.extra().orElseThrow();
        return new Eip712Domain(
                Json.string(extra, "name"),
                Json.string(extra, "version"),
                V1_CHAIN_IDS.get(accepted.network()),
                EvmAddress.of(accepted.asset()));
    }

    static TransferWithAuthorization authorizationOf(Authorization wire) {
        return new TransferWithAuthorization(
                EvmAddress.of(wire.from()),
                EvmAddress.of(wire.to()),
                wire.value(),
                wire.validAfter(),
                wire.validBefore(),
                Nonce.of(wire.nonce()));
    }

    /** Our verifier's verdict on a decoded payment: the recovered payer, or EvmPayloadException. */
    static EvmAddress verify(Eip712Domain domain, ExactEvmPayload payload) {
        return new AuthorizationVerifier()
                .verifySignature(
                        domain, authorizationOf(payload.authorization()), Signature.fromHex(payload.signature()));
    }

    static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    static JsonObject domainJson(Eip712Domain domain) {
        return object(
                "name", domain.name(),
                "version", domain.version(),
                "chainId", domain.chainId().toString(),
                "verifyingContract", domain.verifyingContract().value());
    }

    static JsonObject messageJson(TransferWithAuthorization authorization) {
        return object(
                "from", authorization.from().value(),
                "to", authorization.to().value(),
                "value", authorization.value().toString(),
                "validAfter", authorization.validAfter().toString(),
                "validBefore", authorization.validBefore().toString(),
                "nonce", authorization.nonce().value());
    }

    /** EIP-3009's struct as EIP-712 "types" JSON, the same list viem and the SDKs declare. */
    static JsonObject transferWithAuthorizationTypes() {
        return object(
                "TransferWithAuthorization",
                List.of(
                        field("from", "address"),
                        field("to", "address"),
                        field("value", "uint256"),
                        field("validAfter", "uint256"),
                        field("validBefore", "uint256"),
                        field("nonce", "bytes32")));
    }

    private static JsonObject field(String name, String type) {
        return object("name", name, "type", type);
    }
}
