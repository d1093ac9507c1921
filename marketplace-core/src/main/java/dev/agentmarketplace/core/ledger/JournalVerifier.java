package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.InvalidValueException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Walks the journal from its first entry and reports the first broken link: a gap in the sequence,
 * a previous hash that is not its predecessor's hash, a stored hash that does not match the entry's
 * content, or postings that do not sum to zero. Any edit to a stored entry, its hash included, breaks
 * its own link. A cut-off tail leaves a shorter chain that is still valid; only
 * a head recorded elsewhere (a signed export, say) reveals it.
 */
public final class JournalVerifier {
    private static final int PAGE = 500;
    /** The most entries one {@link #verifySegment} walks: a few seconds of hashing at most. */
    public static final int MAX_SEGMENT = 100_000;

    private final JournalRepository journal;

    public JournalVerifier(JournalRepository journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    public ChainVerification verify() {
        long expectedSequence = 1;
        String previousHash = JournalEntry.GENESIS_HASH;
        List<JournalEntry> page = journal.entriesAfter(0, PAGE);
        while (!page.isEmpty()) {
            for (JournalEntry entry : page) {
                Optional<ChainVerification.Broken> broken = check(entry, expectedSequence, previousHash);
                if (broken.isPresent()) {
                    return broken.get();
                }
                previousHash = entry.hash();
                expectedSequence++;
            }
            page = journal.entriesAfter(expectedSequence - 1, PAGE);
        }
        return new ChainVerification.Intact(expectedSequence - 1);
    }

    /**
     * Walks at most {@code maxEntries} entries after {@code from}, whose hash the first of them must
     * link to, and stops at the first broken link. An operator verifies a long journal in bounded
     * steps this way, each continuing where the last ended ({@link SegmentVerification#through}),
     * rather than in one walk as long as the journal. A {@code from} that no entry has (a made-up
     * hash) shows as a broken link at the first entry after it.
     */
    public SegmentVerification verifySegment(JournalHead from, int maxEntries) {
        if (maxEntries < 1 || maxEntries > MAX_SEGMENT) {
            throw new InvalidValueException(
                    "maxEntries", "must be between 1 and " + MAX_SEGMENT + ", was " + maxEntries);
        }
        Objects.requireNonNull(from, "from");
        JournalHead through = from;
        int walked = 0;
        while (walked < maxEntries) {
            List<JournalEntry> page = journal.entriesAfter(through.sequence(), Math.min(PAGE, maxEntries - walked));
            if (page.isEmpty()) {
                return new SegmentVerification(from, through, true, Optional.empty());
            }
            for (JournalEntry entry : page) {
                Optional<ChainVerification.Broken> broken = check(entry, through.sequence() + 1, through.hash());
                if (broken.isPresent()) {
                    return new SegmentVerification(from, through, false, broken);
                }
                through = new JournalHead(entry.sequence(), entry.hash());
                walked++;
            }
        }
        boolean atHead = journal.entriesAfter(through.sequence(), 1).isEmpty();
        return new SegmentVerification(from, through, atHead, Optional.empty());
    }

    private static Optional<ChainVerification.Broken> check(
            JournalEntry entry, long expectedSequence, String previousHash) {
        if (entry.sequence() != expectedSequence) {
            return Optional.of(new ChainVerification.Broken(
                    expectedSequence, "entry " + expectedSequence + " is missing; found " + entry.sequence()));
        }
        if (!entry.previousHash().equals(previousHash)) {
            return Optional.of(new ChainVerification.Broken(
                    entry.sequence(),
                    "previous hash " + entry.previousHash() + " is not the hash of the entry before, " + previousHash));
        }
        String expected = entry.expectedHash();
        if (!entry.hash().equals(expected)) {
            return Optional.of(new ChainVerification.Broken(
                    entry.sequence(),
                    "stored hash " + entry.hash() + " does not match its content, which hashes to " + expected));
        }
        var unbalanced = JournalEntry.unbalancedCurrencies(entry.postings());
        if (!unbalanced.isEmpty()) {
            return Optional.of(
                    new ChainVerification.Broken(entry.sequence(), "postings do not sum to zero in " + unbalanced));
        }
        return Optional.empty();
    }

    /**
     * What {@link #verifySegment} found.
     *
     * @param from where the walk started
     * @param through the last entry that verified ({@code from} when none did)
     * @param atHead whether {@code through} is the journal's last entry, so nothing is left to verify
     * @param broken the first broken link after {@code through}, if the walk found one
     */
    public record SegmentVerification(
            JournalHead from, JournalHead through, boolean atHead, Optional<ChainVerification.Broken> broken) {
        public SegmentVerification {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(through, "through");
            Objects.requireNonNull(broken, "broken");
        }

        public long verifiedEntries() {
            return through.sequence() - from.sequence();
        }
    }
}
