package dev.agentmarketplace.core.ledger;

/** What {@link JournalVerifier} found: an intact chain, or the first broken link. */
public sealed interface ChainVerification {
    /** Every one of {@code entries} links to its predecessor, carries its true hash and balances. */
    record Intact(long entries) implements ChainVerification {}

    /** The entry at {@code sequence} (or the gap where it should be) is the first that is wrong, and why. */
    record Broken(long sequence, String problem) implements ChainVerification {}
}
