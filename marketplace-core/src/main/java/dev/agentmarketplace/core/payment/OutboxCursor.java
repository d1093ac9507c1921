package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ledger.TransactionId;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Where a page of the settlement outbox ends: the last payment's creation time and transaction id,
 * which never change, so a page never skips or repeats a payment that moves on meanwhile. Its text
 * form ({@link #toString}, {@link #parse}) is what a page hands back as its {@code after}.
 */
public record OutboxCursor(Instant createdAt, TransactionId transaction) {
    private static final char SEPARATOR = '~';

    public OutboxCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(transaction, "transaction");
    }

    public static OutboxCursor of(Payment payment) {
        return new OutboxCursor(payment.createdAt(), payment.transactionId());
    }

    /** @throws InvalidValueException on field {@code after} for anything {@link #toString} did not write */
    public static OutboxCursor parse(String text) {
        int separator = text == null ? -1 : text.indexOf(SEPARATOR);
        if (separator < 0 || text.length() > 100) {
            throw invalid();
        }
        try {
            return new OutboxCursor(
                    Instant.parse(text.substring(0, separator)), TransactionId.of(text.substring(separator + 1)));
        } catch (DateTimeParseException | InvalidValueException e) {
            throw invalid();
        }
    }

    private static InvalidValueException invalid() {
        return new InvalidValueException("after", "is not a cursor of the settlement outbox");
    }

    @Override
    public String toString() {
        return createdAt + String.valueOf(SEPARATOR) + transaction.value();
    }
}
