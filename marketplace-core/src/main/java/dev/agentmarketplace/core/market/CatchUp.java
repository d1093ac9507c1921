package dev.agentmarketplace.core.market;

/**
 * What one bounded catch-up step of the rollups did.
 *
 * @param ran false when another replica was catching up at that moment, so this one left it alone
 * @param hoursRecomputed hourly buckets recomputed from the transactions
 * @param journalEntriesRead journal entries whose fee postings were added
 * @param caughtUp true when nothing was left over for a next step
 */
public record CatchUp(boolean ran, int hoursRecomputed, long journalEntriesRead, boolean caughtUp) {
    public static final CatchUp SKIPPED = new CatchUp(false, 0, 0, false);
}
