package dev.agentmarketplace.x402.testing;

import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.payment.PaymentOffer;
import dev.agentmarketplace.core.payment.PaymentSettings;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.evm.Eip712Domain;
import dev.agentmarketplace.x402.evm.EvmAddress;
import dev.agentmarketplace.x402.evm.Nonce;
import dev.agentmarketplace.x402.evm.Secp256k1;
import dev.agentmarketplace.x402.evm.TransferWithAuthorization;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.protocol.Authorization;
import dev.agentmarketplace.x402.protocol.ExactEvmPayload;
import dev.agentmarketplace.x402.protocol.PaymentPayload;
import dev.agentmarketplace.x402.protocol.PaymentPayloadV1;
import dev.agentmarketplace.x402.protocol.PaymentRequirements;
import dev.agentmarketplace.x402.protocol.PaymentRequirementsV1;
import dev.agentmarketplace.x402.protocol.ResourceInfo;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Payments signed for the tests: vector 2's key of the x402 digest pays USDC on Base Sepolia, and
 * {@link Draft} changes one thing at a time before signing.
 */
public final class Fixtures {

    public static final String USDC_BASE_SEPOLIA = "0x036CbD53842c5426634e7929541eC2318f3dCF7e";
    public static final String USDC_BASE = "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913";
    public static final String PAYER_KEY = "0x9d2675820d55300a05c8991df217a619bcfdc86e2fd91e56443dbbcf159337fd";
    public static final String PAYER = "0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73";
    public static final String PAY_TO = "0x7553F6FA4Fb62986b64f79aEFa1fB93ea64A22b1";
    public static final String OTHER_PAYEE = "0x209693Bc6afc0C5328bA36FaF03C514EF312287C";
    public static final BigInteger STRANGER_KEY = new BigInteger("11".repeat(32), 16);
    public static final String NONCE = "0x9b750f5097972d82c02ac371278b83ecf3ca3be8387db59e664eb38c98f97a3d";
    public static final BigInteger AMOUNT = BigInteger.valueOf(10_000);
    public static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final String RESOURCE = "https://market.example/api/v1/agents/python-expert/hires";

    private Fixtures() {}

    public static long now() {
        return NOW.getEpochSecond();
    }

    /** exact, Base Sepolia, 10000 atomic USDC to {@link #PAY_TO}, 60 s, domain USDC / 2. */
    public static PaymentRequirements requirements() {
        return PaymentRequirements.exactEvm("eip155:84532", AMOUNT, USDC_BASE_SEPOLIA, PAY_TO, 60, "USDC", "2");
    }

    /** The same terms in version 1. */
    public static PaymentRequirementsV1 requirementsV1() {
        return new PaymentRequirementsV1(
                "exact",
                "base-sepolia",
                AMOUNT,
                RESOURCE,
                "one python task",
                "application/json",
                PAY_TO,
                60,
                USDC_BASE_SEPOLIA,
                Optional.empty(),
                Optional.of(extra("USDC", "2")));
    }

    public static JsonObject extra(String name, String version) {
        Map<String, dev.agentmarketplace.x402.json.JsonValue> members = new LinkedHashMap<>();
        members.put("name", new JsonString(name));
        members.put("version", new JsonString(version));
        return new JsonObject(members);
    }

    public static Eip712Domain baseSepoliaUsdc() {
        return new Eip712Domain("USDC", "2", BigInteger.valueOf(84532), EvmAddress.of(USDC_BASE_SEPOLIA));
    }

    /** An offer of the platform's defaults (USDC on Base Sepolia): 0.01 USDC to {@link #PAY_TO}. */
    public static PaymentOffer offer() {
        return offer(PaymentSettings.DEFAULTS);
    }

    public static PaymentOffer offer(PaymentSettings settings) {
        return new PaymentOffer(
                AgentId.of("python-expert"),
                Capability.of("python"),
                Money.ofMinorUnits(AMOUNT, Currency.USDC),
                WalletAddress.of(PAY_TO),
                settings,
                RESOURCE,
                "Hire Py (python-expert) for one 'python' task");
    }

    /** What the payer signs for {@link #requirements()} at {@link #NOW}: valid from 10 min ago for 60 s. */
    public static Draft draft() {
        return new Draft(
                new BigInteger(PAYER_KEY.substring(2), 16),
                PAYER,
                PAY_TO,
                AMOUNT,
                BigInteger.valueOf(now() - 600),
                BigInteger.valueOf(now() + 60),
                NONCE,
                baseSepoliaUsdc());
    }

    /** An authorization before signing; each {@code with} changes one field. */
    public record Draft(
            BigInteger key,
            String from,
            String to,
            BigInteger value,
            BigInteger validAfter,
            BigInteger validBefore,
            String nonce,
            Eip712Domain domain) {

        public Draft signedBy(BigInteger otherKey) {
            return new Draft(otherKey, from, to, value, validAfter, validBefore, nonce, domain);
        }

        public Draft withFrom(String value) {
            return new Draft(key, value, to, this.value, validAfter, validBefore, nonce, domain);
        }

        public Draft withTo(String value) {
            return new Draft(key, from, value, this.value, validAfter, validBefore, nonce, domain);
        }

        public Draft withValue(BigInteger value) {
            return new Draft(key, from, to, value, validAfter, validBefore, nonce, domain);
        }

        public Draft withValidAfter(long seconds) {
            return new Draft(key, from, to, value, BigInteger.valueOf(seconds), validBefore, nonce, domain);
        }

        public Draft withValidBefore(BigInteger seconds) {
            return new Draft(key, from, to, value, validAfter, seconds, nonce, domain);
        }

        public Draft withValidBefore(long seconds) {
            return withValidBefore(BigInteger.valueOf(seconds));
        }

        public Draft inDomain(Eip712Domain value) {
            return new Draft(key, from, to, this.value, validAfter, validBefore, nonce, value);
        }

        /** Signs the authorization as given (the digest is that of the addresses' bytes, whatever their case). */
        public ExactEvmPayload sign() {
            TransferWithAuthorization message = new TransferWithAuthorization(
                    EvmAddress.of(from.toLowerCase()),
                    EvmAddress.of(to.toLowerCase()),
                    value,
                    validAfter,
                    validBefore,
                    Nonce.of(nonce));
            String signature = Secp256k1.sign(key, message.digest(domain)).toHex();
            return new ExactEvmPayload(signature, new Authorization(from, to, value, validAfter, validBefore, nonce));
        }

        public PaymentPayload v2(PaymentRequirements accepted) {
            return new PaymentPayload(Optional.of(ResourceInfo.of(RESOURCE)), accepted, sign(), Optional.empty());
        }

        public PaymentPayloadV1 v1(String network) {
            return new PaymentPayloadV1("exact", network, sign());
        }
    }
}
