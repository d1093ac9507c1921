package dev.agentmarketplace.core.market;

import dev.agentmarketplace.core.InvalidValueException;
import java.time.Duration;
import java.util.Objects;

/**
 * How far one catch-up step may go, and how late a move may commit.
 *
 * @param commitLag how long after its timestamp a move may still commit (a unit of work's timeout
 *     plus the clock skew between replicas): moves are scanned again that far back, so none that
 *     committed late is missed
 * @param maxHours per step, at most this many hours of moves scanned and this many hourly buckets
 *     recomputed
 * @param maxJournalEntries journal entries read per step at most
 */
public record CatchUpLimits(Duration commitLag, int maxHours, int maxJournalEntries) {
    public CatchUpLimits {
        Objects.requireNonNull(commitLag, "commitLag");
        if (commitLag.isNegative()) {
            throw new InvalidValueException("commitLag", "must not be negative, was " + commitLag);
        }
        if (maxHours < 1) {
            throw new InvalidValueException("maxHours", "must be at least 1, was " + maxHours);
        }
        if (maxJournalEntries < 1) {
            throw new InvalidValueException("maxJournalEntries", "must be at least 1, was " + maxJournalEntries);
        }
    }
}
