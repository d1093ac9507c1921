package dev.agentmarketplace.core.ledger;

import java.util.List;
import java.util.Objects;

/**
 * Walks the journal from its first entry and reports the first broken link: a gap in the sequence,
 * a previous hash that is not its predecessor's hash, a stored hash that does not match the entry's
 * content, or postings that do not sum to zero. Any edit to a stored entry, its hash included, breaks
 * its own link. A cut-off tail leaves a shorter chain that is still valid; only
 * a head recorded elsewhere (a signed export, say) reveals it.
 */
public final class JournalVerifier {
    private static final int PAGE = 500;

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
                if (entry.sequence() != expectedSequence) {
                    return new ChainVerification.Broken(
                            expectedSequence, "entry " + expectedSequence + " is missing; found " + entry.sequence());
                }
                if (!entry.previousHash().equals(previousHash)) {
                    return new ChainVerification.Broken(
                            entry.sequence(),
                            "previous hash " + entry.previousHash() + " is not the hash of the entry before, "
                                    + previousHash);
                }
                String expected = entry.expectedHash();
                if (!entry.hash().equals(expected)) {
                    return new ChainVerification.Broken(
                            entry.sequence(),
                            "stored hash " + entry.hash() + " does not match its content, which hashes to " + expected);
                }
                var unbalanced = JournalEntry.unbalancedCurrencies(entry.postings());
                if (!unbalanced.isEmpty()) {
                    return new ChainVerification.Broken(
                            entry.sequence(), "postings do not sum to zero in " + unbalanced);
                }
                previousHash = entry.hash();
                expectedSequence++;
            }
            page = journal.entriesAfter(expectedSequence - 1, PAGE);
        }
        return new ChainVerification.Intact(expectedSequence - 1);
    }
}
