package dev.agentmarketplace.x402.protocol;

import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonString;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Vector 1 of X402.md: the specification's example payment on Base Sepolia. */
final class Examples {

    static final String USDC_BASE_SEPOLIA = "0x036CbD53842c5426634e7929541eC2318f3dCF7e";
    static final String FROM = "0x857b06519E91e3A54538791bDbb0E22373e36b66";
    static final String PAY_TO = "0x209693Bc6afc0C5328bA36FaF03C514EF312287C";
    static final String NONCE = "0xf3746613c2d920b5fdabc0856f2aeb2d4f88ee6037b8cc5d04a71a4462f13480";
    static final String SIGNATURE =
            "0x2d6a7588d6acca505cbf0d9a4a227e0c52c6c34008c8e8986a1283259764173608a2ce6496642e377d6da8dbbf5836e9bd15092f9ecab05ded3d6293af148b571c";
    static final String TX = "0x" + "ab".repeat(32);

    static final String PAYMENT_PAYLOAD_JSON = """
            {
              "x402Version": 2,
              "resource": {
                "url": "https://api.example.com/premium-data",
                "description": "Access to premium market data",
                "mimeType": "application/json"
              },
              "accepted": {
                "scheme": "exact",
                "network": "eip155:84532",
                "amount": "10000",
                "asset": "0x036CbD53842c5426634e7929541eC2318f3dCF7e",
                "payTo": "0x209693Bc6afc0C5328bA36FaF03C514EF312287C",
                "maxTimeoutSeconds": 60,
                "extra": {
                  "name": "USDC",
                  "version": "2"
                }
              },
              "payload": {
                "signature": "0x2d6a7588d6acca505cbf0d9a4a227e0c52c6c34008c8e8986a1283259764173608a2ce6496642e377d6da8dbbf5836e9bd15092f9ecab05ded3d6293af148b571c",
                "authorization": {
                  "from": "0x857b06519E91e3A54538791bDbb0E22373e36b66",
                  "to": "0x209693Bc6afc0C5328bA36FaF03C514EF312287C",
                  "value": "10000",
                  "validAfter": "1740672089",
                  "validBefore": "1740672154",
                  "nonce": "0xf3746613c2d920b5fdabc0856f2aeb2d4f88ee6037b8cc5d04a71a4462f13480"
                }
              },
              "extensions": {}
            }
            """;

    private Examples() {}

    static ResourceInfo resource() {
        return new ResourceInfo(
                "https://api.example.com/premium-data",
                Optional.of("Access to premium market data"),
                Optional.of("application/json"));
    }

    static PaymentRequirements requirements() {
        return PaymentRequirements.exactEvm(
                "eip155:84532", BigInteger.valueOf(10000), USDC_BASE_SEPOLIA, PAY_TO, 60, "USDC", "2");
    }

    static ExactEvmPayload exactPayload() {
        return new ExactEvmPayload(
                SIGNATURE,
                new Authorization(
                        FROM,
                        PAY_TO,
                        BigInteger.valueOf(10000),
                        BigInteger.valueOf(1740672089),
                        BigInteger.valueOf(1740672154),
                        NONCE));
    }

    static PaymentPayload payment() {
        return new PaymentPayload(
                Optional.of(resource()), requirements(), exactPayload(), Optional.of(JsonObject.empty()));
    }

    static PaymentRequired paymentRequired() {
        return new PaymentRequired(
                Optional.of("PAYMENT-SIGNATURE header is required"),
                resource(),
                List.of(requirements()),
                Optional.of(new JsonObject(Map.of("bazaar", new JsonObject(Map.of("x", new JsonString("y")))))));
    }

    static PaymentRequirementsV1 requirementsV1() {
        return new PaymentRequirementsV1(
                "exact",
                "base-sepolia",
                BigInteger.valueOf(10000),
                "https://api.example.com/premium-data",
                "Access to premium market data",
                "application/json",
                PAY_TO,
                60,
                USDC_BASE_SEPOLIA,
                Optional.empty(),
                Optional.of(new JsonObject(Map.of("name", new JsonString("USDC"), "version", new JsonString("2")))));
    }

    static PaymentPayloadV1 paymentV1() {
        return new PaymentPayloadV1("exact", "base-sepolia", exactPayload());
    }

    static SettlementResponse settled() {
        return new SettlementResponse(
                true,
                Optional.empty(),
                Optional.of(FROM),
                TX,
                "eip155:84532",
                Optional.of(BigInteger.valueOf(10000)),
                Optional.empty());
    }
}
