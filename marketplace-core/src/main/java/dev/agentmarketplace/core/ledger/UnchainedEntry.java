package dev.agentmarketplace.core.ledger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A journal entry written with the move it records but not yet linked into the hash chain: what
 * {@link Ledger} queues in the unit of work of the move, and {@link JournalChain} later chains, in
 * batches, behind the head. It already balances: only its place in the chain is missing.
 */
public record UnchainedEntry(UUID id, TransactionId transactionId, EntryKind kind, Instant at, List<Posting> postings) {

    /**
     * @throws IllegalArgumentException when the postings are empty, repeat an account and currency,
     *     carry a zero amount, or do not sum to zero per currency
     */
    public UnchainedEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(kind, "kind");
        // The time is cut to microseconds, what the encoding and the databases keep.
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
        postings = postings.stream().sorted(JournalEntry.POSTING_ORDER).toList();
        if (postings.isEmpty()) {
            throw new IllegalArgumentException("an entry moves money: it needs postings");
        }
        if (postings.stream().anyMatch(posting -> posting.amount().isZero())) {
            throw new IllegalArgumentException("a posting of zero moves nothing: " + postings);
        }
        if (postings.stream()
                        .map(posting -> posting.account().name() + "|"
                                + posting.amount().currency().code())
                        .distinct()
                        .count()
                != postings.size()) {
            throw new IllegalArgumentException("an entry posts to each account once per currency: " + postings);
        }
        if (!JournalEntry.unbalancedCurrencies(postings).isEmpty()) {
            throw new IllegalArgumentException("postings must sum to zero per currency: " + postings);
        }
    }

    /** This entry as the one after {@code head}: the next sequence number, head's hash as its previous hash, its own hash. */
    public JournalEntry chainedAfter(JournalHead head) {
        long sequence = head.sequence() + 1;
        String hash = JournalEntry.hashOf(head.hash(), sequence, id, transactionId, kind, at, postings);
        return new JournalEntry(sequence, id, transactionId, kind, at, postings, head.hash(), hash);
    }
}
