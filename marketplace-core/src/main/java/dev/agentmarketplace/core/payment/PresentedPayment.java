package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A payment header as the client sent it, unread: {@code PAYMENT-SIGNATURE} (x402 v2) or {@code
 * X-PAYMENT} (v1). Its fingerprint binds a retry key to this exact payment (payment-identifier
 * extension, "Request Binding").
 */
public record PresentedPayment(Version version, String value) {
    /** Which header carried it. */
    public enum Version {
        V1("X-PAYMENT"),
        V2("PAYMENT-SIGNATURE");

        private final String header;

        Version(String header) {
            this.header = header;
        }

        public String header() {
            return header;
        }
    }

    public PresentedPayment {
        if (version == null) {
            throw new InvalidValueException("payment", "the header that carried the payment must be named");
        }
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(version.header(), "must not be empty");
        }
    }

    /** Lower-case hex SHA-256 of the header's exact text. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
