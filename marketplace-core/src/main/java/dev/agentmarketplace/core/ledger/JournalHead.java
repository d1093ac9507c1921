package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.InvalidValueException;
import java.util.Objects;

/** The last link of the journal's chain: its sequence number and hash ({@link #GENESIS} when empty). */
public record JournalHead(long sequence, String hash) {
    public static final JournalHead GENESIS = new JournalHead(0, JournalEntry.GENESIS_HASH);

    public JournalHead {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative");
        }
        Objects.requireNonNull(hash, "hash");
    }

    /**
     * A head given from outside (where an earlier verification stopped, say): a sequence of at least
     * 0 and a SHA-256 hash in lower-case hex.
     *
     * @throws InvalidValueException on field {@code from} otherwise
     */
    public static JournalHead of(long sequence, String hash) {
        if (sequence < 0 || hash == null || !hash.matches("[0-9a-f]{64}")) {
            throw new InvalidValueException(
                    "from", "must be an entry's sequence (0 or more) and its SHA-256 hash, 64 lower-case hex digits");
        }
        return new JournalHead(sequence, hash);
    }
}
