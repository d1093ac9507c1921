package dev.agentmarketplace.x402.exact;

import dev.agentmarketplace.x402.evm.EvmPayloadException;
import java.util.Objects;

/**
 * An {@code exact} EVM payment that does not answer the requirements offered. {@link #reason()} is
 * the x402 error reason (x402 specification v2 §9) a resource server answers with.
 */
public final class ExactPaymentException extends RuntimeException {

    /** The x402 error reasons a verification can end with, with their wire spelling. */
    public enum Reason {
        INVALID_X402_VERSION("invalid_x402_version"),
        INVALID_SCHEME("invalid_scheme"),
        INVALID_NETWORK("invalid_network"),
        INVALID_PAYMENT_REQUIREMENTS("invalid_payment_requirements"),
        INVALID_PAYLOAD("invalid_payload"),
        RECIPIENT_MISMATCH("invalid_exact_evm_payload_recipient_mismatch"),
        VALUE_MISMATCH("invalid_exact_evm_payload_authorization_value_mismatch"),
        VALID_AFTER("invalid_exact_evm_payload_authorization_valid_after"),
        VALID_BEFORE("invalid_exact_evm_payload_authorization_valid_before"),
        INVALID_SIGNATURE("invalid_exact_evm_payload_signature");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The wire string, e.g. {@code invalid_exact_evm_payload_signature}. */
        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public ExactPaymentException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason").code() + ": " + message);
        this.reason = reason;
    }

    /** A refusal of the EVM layer (malformed value or bad signature), under the same x402 reason. */
    static ExactPaymentException of(EvmPayloadException e) {
        Reason reason = switch (e.reason()) {
            case INVALID_PAYLOAD -> Reason.INVALID_PAYLOAD;
            case INVALID_SIGNATURE -> Reason.INVALID_SIGNATURE;
        };
        ExactPaymentException mapped = new ExactPaymentException(reason, detail(e));
        mapped.initCause(e);
        return mapped;
    }

    public Reason reason() {
        return reason;
    }

    // The cause's message already starts with its reason, which is not repeated.
    private static String detail(RuntimeException e) {
        String message = e.getMessage();
        int colon = message.indexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }
}
