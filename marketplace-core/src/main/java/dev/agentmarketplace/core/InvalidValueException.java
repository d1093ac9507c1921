package dev.agentmarketplace.core;

import java.util.Objects;

/** A value broke a rule of the domain; {@link #field()} names the input it came from. */
public final class InvalidValueException extends DomainException {
    private final String field;

    public InvalidValueException(String field, String message) {
        super(ErrorCode.INVALID_VALUE, field + ": " + message);
        this.field = Objects.requireNonNull(field, "field");
    }

    public String field() {
        return field;
    }
}
