package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.InvalidValueException;
import java.util.regex.Pattern;

/**
 * A client's retry key for a hire: 16-128 printable ASCII characters without spaces (the range of
 * x402's payment-identifier). Keys are scoped to the payer that sent them.
 */
public record IdempotencyKey(String value) {
    private static final Pattern FORMAT = Pattern.compile("[!-~]{16,128}");

    public IdempotencyKey {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValueException(
                    "idempotencyKey", "must be 16-128 printable ASCII characters without spaces");
        }
    }

    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
