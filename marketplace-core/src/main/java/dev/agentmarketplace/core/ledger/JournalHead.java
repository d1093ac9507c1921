package dev.agentmarketplace.core.ledger;

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
}
