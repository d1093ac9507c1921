package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.InvalidValueException;
import java.util.UUID;

/** A transaction's identifier: a UUID in its canonical lower-case spelling. */
public record TransactionId(String value) {
    public TransactionId {
        try {
            if (value == null || !UUID.fromString(value).toString().equals(value)) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("transactionId", "'" + value + "' is not a lower-case UUID");
        }
    }

    public static TransactionId of(String value) {
        return new TransactionId(value);
    }

    public static TransactionId of(UUID uuid) {
        return new TransactionId(uuid.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
