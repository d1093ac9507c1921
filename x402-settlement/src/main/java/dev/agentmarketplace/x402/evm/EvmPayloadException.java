package dev.agentmarketplace.x402.evm;

import java.util.Objects;

/**
 * An EVM payload (address, nonce, amount, signature) is malformed or its signature does not hold.
 * {@link #reason()} is stable and maps to the x402 error-reason string a verifier answers with.
 */
public final class EvmPayloadException extends RuntimeException {
    /** The x402 error reasons this package can produce, with their wire spelling (x402 specification v2, error codes). */
    public enum Reason {
        INVALID_PAYLOAD("invalid_payload"),
        INVALID_SIGNATURE("invalid_exact_evm_payload_signature");

        private final String wire;

        Reason(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    private final Reason reason;

    public EvmPayloadException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason").wire() + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static EvmPayloadException invalidPayload(String field, String message) {
        return new EvmPayloadException(Reason.INVALID_PAYLOAD, field + ": " + message);
    }

    static EvmPayloadException invalidSignature(String message) {
        return new EvmPayloadException(Reason.INVALID_SIGNATURE, message);
    }
}
