package dev.agentmarketplace.core.ratelimit;

import java.time.Instant;

/**
 * Port: request counts per caller and fixed window, shared by every replica. Each method is atomic
 * and durable on return, outside any unit of work.
 */
public interface RateLimitCounters {
    /** Adds {@code requests} (at least one) to the count of {@code caller} in the window starting at {@code windowStart}; returns the new count. */
    long add(String caller, Instant windowStart, long requests);

    /** Adds one; see {@link #add}. */
    default long increment(String caller, Instant windowStart) {
        return add(caller, windowStart, 1);
    }

    /** The count of {@code caller} in the window starting at {@code windowStart}; 0 when none. */
    long count(String caller, Instant windowStart);

    /** Removes every window starting before {@code cutoff}; returns how many. */
    int deleteWindowsBefore(Instant cutoff);
}
