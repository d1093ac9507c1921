package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Objects;

/**
 * Position in a history listing, which is ordered by creation time then id: the next page starts
 * strictly after it, or strictly before it in a newest-first listing. Clients see it only as an
 * opaque string ({@link #encode}).
 */
public record HistoryCursor(Instant createdAt, TransactionId id) {
    /** The order of history listings. */
    public static final Comparator<Transaction> ORDER = Comparator.comparing(Transaction::createdAt)
            .thenComparing(tx -> tx.id().value());

    /** The order of newest-first listings: {@link #ORDER} reversed. */
    public static final Comparator<Transaction> NEWEST_FIRST = ORDER.reversed();

    public HistoryCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    public static HistoryCursor of(Transaction transaction) {
        return new HistoryCursor(transaction.createdAt(), transaction.id());
    }

    /** Whether {@code transaction} comes after this position in history order. */
    public boolean precedes(Transaction transaction) {
        int byTime = transaction.createdAt().compareTo(createdAt);
        return byTime > 0 || (byTime == 0 && transaction.id().value().compareTo(id.value()) > 0);
    }

    /** Whether {@code transaction} comes before this position in history order (after it, newest first). */
    public boolean follows(Transaction transaction) {
        int byTime = transaction.createdAt().compareTo(createdAt);
        return byTime < 0 || (byTime == 0 && transaction.id().value().compareTo(id.value()) < 0);
    }

    public String encode() {
        String plain = createdAt + "|" + id.value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static HistoryCursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            return new HistoryCursor(
                    Instant.parse(plain.substring(0, bar)), TransactionId.of(plain.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new InvalidValueException("cursor", "'" + cursor + "' is not a cursor this service issued");
        }
    }
}
