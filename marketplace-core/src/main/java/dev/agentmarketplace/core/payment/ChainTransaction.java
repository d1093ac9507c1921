package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.InvalidValueException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hash of an EVM chain transaction, as an operator reads it off a block explorer: {@code 0x} and
 * 64 hex digits, kept in lower case so one transaction has one spelling.
 */
public record ChainTransaction(String value) {
    public static final String FIELD = "chainTransaction";
    private static final Pattern HASH = Pattern.compile("0x[0-9a-fA-F]{64}");

    public ChainTransaction {
        if (value == null || !HASH.matcher(value).matches()) {
            throw new InvalidValueException(FIELD, "must be 0x and 64 hex digits, the chain transaction's hash");
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    public static ChainTransaction of(String value) {
        return new ChainTransaction(value == null ? null : value.strip());
    }

    @Override
    public String toString() {
        return value;
    }
}
