package dev.agentmarketplace.core;

import java.util.Objects;

/** Root of the domain's errors: each carries a stable code and a message naming the value and the rule. */
public abstract class DomainException extends RuntimeException {
    private final ErrorCode code;

    protected DomainException(ErrorCode code, String message) {
        // A message may quote a refused value; its controls and bidi overrides are written as U+XXXX.
        super(ShownText.escaped(message));
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
