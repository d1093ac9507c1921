package dev.agentmarketplace.x402.protocol;

import java.util.Objects;

/**
 * An x402 value that cannot be read or built: bad base64, an oversized header, bad JSON, a wrong
 * type, a missing or unknown field, an out-of-range number or a wrong version. {@link #reason()} is
 * stable and, where one fits, the x402 error reason string a verifier answers with.
 */
public final class X402CodecException extends RuntimeException {

    /** The x402 error reasons (x402 specification v2, "Error Handling") this codec can give. */
    public enum Reason {
        INVALID_PAYLOAD("invalid_payload"),
        INVALID_PAYMENT_REQUIREMENTS("invalid_payment_requirements"),
        INVALID_X402_VERSION("invalid_x402_version"),
        INVALID_SCHEME("invalid_scheme"),
        INVALID_NETWORK("invalid_network");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The wire string, e.g. {@code invalid_payload}. */
        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final String field;
    private final String detail;

    public X402CodecException(Reason reason, String field, String message) {
        super(reason.code() + ": " + (field.isEmpty() ? "" : field + ": ") + message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.field = field;
        this.detail = message;
    }

    public X402CodecException(Reason reason, String field, String message, Throwable cause) {
        this(reason, field, message);
        initCause(cause);
    }

    /** The same error, its field named from an enclosing value ({@code amount} → {@code accepts[0].amount}). */
    X402CodecException within(String path) {
        String nested = path.isEmpty() ? field : field.isEmpty() ? path : path + "." + field;
        X402CodecException moved = new X402CodecException(reason, nested, detail);
        if (getCause() != null) {
            moved.initCause(getCause());
        }
        return moved;
    }

    public Reason reason() {
        return reason;
    }

    /** The JSON path of the offending field ({@code accepts[0].amount}), empty for the whole value. */
    public String field() {
        return field;
    }
}
