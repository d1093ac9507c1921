package dev.agentmarketplace.core.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-caller rate limiting with a sliding-window counter: the count of the current fixed window
 * plus the previous window's count weighted by how much of it still overlaps the sliding window
 * ending now. It needs two counters per caller, which live in the database so that every replica
 * sees the same counts, and it does not let a caller burst twice the limit across a window edge as
 * a plain fixed window would.
 *
 * <p>Refused requests count too, so a caller that keeps hammering stays refused; one that waits for
 * {@code Retry-After} gets through.
 *
 * <p>Writing the shared count on every request would cost every API call a transaction of its own
 * (issue 13), so each replica counts locally and adds its count to the shared one in steps of
 * {@link #syncEvery()} requests (1 % of the limit; every request when the limit is under 200), and
 * on every request once the caller is within one step of the limit, and on the first request of a
 * window. The previous window's count is read once per window. So a caller may exceed the limit by
 * at most what the other replicas counted and have not added yet: {@code (replicas - 1) × (syncEvery
 * - 1)} requests per window (10 over 600 with three replicas); one replica alone is exact. {@link #flush} adds what is
 * left at any time, and forgets callers whose windows have passed.
 */
public final class RateLimiter {
    /** Callers tracked locally at once; beyond it every count is added to the shared ones and the table starts afresh. */
    static final int MAX_TRACKED_CALLERS = 100_000;

    private final RateLimitCounters counters;
    private final RateLimitPolicy policy;
    private final Clock clock;
    private final int syncEvery;
    private final ConcurrentHashMap<String, CallerCount> callers = new ConcurrentHashMap<>();

    public RateLimiter(RateLimitCounters counters, RateLimitPolicy policy, Clock clock) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.syncEvery = Math.max(1, policy.limit() / 100);
    }

    public RateLimitPolicy policy() {
        return policy;
    }

    /** How many requests of a caller one replica counts before it adds them to the shared count. */
    public int syncEvery() {
        return syncEvery;
    }

    /** Counts one request of {@code caller} and says whether it may go ahead. */
    public RateDecision acquire(String caller) {
        Objects.requireNonNull(caller, "caller");
        long windowMillis = policy.window().toMillis();
        Instant now = clock.instant();
        long nowMillis = now.toEpochMilli();
        long windowStartMillis = Math.floorDiv(nowMillis, windowMillis) * windowMillis;
        Instant windowStart = Instant.ofEpochMilli(windowStartMillis);
        long elapsed = nowMillis - windowStartMillis;

        if (callers.size() >= MAX_TRACKED_CALLERS && !callers.containsKey(caller)) {
            flushAll(true);
        }
        CallerCount count = callers.computeIfAbsent(caller, CallerCount::new);
        long current;
        long previous;
        synchronized (count) {
            if (!windowStart.equals(count.windowStart)) {
                count.addUnsynced(counters);
                count.windowStart = windowStart;
                count.previous = counters.count(caller, windowStart.minusMillis(windowMillis));
                count.shared = counters.add(caller, windowStart, 1);
            } else {
                count.unsynced++;
                long weightedPrevious = weighted(count.previous, elapsed, windowMillis);
                if (count.unsynced >= syncEvery
                        || weightedPrevious + count.shared + count.unsynced > policy.limit() - syncEvery) {
                    count.addUnsynced(counters);
                }
            }
            current = count.shared + count.unsynced;
            previous = count.previous;
        }
        long estimate = weighted(previous, elapsed, windowMillis) + current;
        int limit = policy.limit();
        if (estimate <= limit) {
            return new RateDecision(true, limit, (int) (limit - estimate), Duration.ZERO);
        }
        return new RateDecision(false, limit, 0, retryAfter(current, previous, elapsed, windowMillis));
    }

    /**
     * Adds every caller's local count to the shared one, and forgets callers whose window has
     * passed, so the table holds only callers of the last window. Every replica calls it now and then.
     */
    public void flush() {
        flushAll(false);
    }

    private void flushAll(boolean forgetEveryone) {
        Instant currentWindow = Instant.ofEpochMilli(
                Math.floorDiv(clock.instant().toEpochMilli(), policy.window().toMillis())
                        * policy.window().toMillis());
        for (CallerCount count : callers.values()) {
            synchronized (count) {
                count.addUnsynced(counters);
                if (forgetEveryone || count.windowStart == null || count.windowStart.isBefore(currentWindow)) {
                    callers.remove(count.caller, count);
                    // A request that still holds this count sees it detached and starts a fresh one.
                    count.windowStart = null;
                }
            }
        }
    }

    /** previous * (1 - elapsed/window), in integer arithmetic, rounded up so the limit is never exceeded. */
    private static long weighted(long previous, long elapsed, long windowMillis) {
        return ceilDiv(previous * (windowMillis - elapsed), windowMillis);
    }

    /** One caller's counts on this replica, in the window it last asked in; guarded by its own monitor. */
    private static final class CallerCount {
        private final String caller;
        private Instant windowStart;
        private long previous;
        private long shared;
        private long unsynced;

        CallerCount(String caller) {
            this.caller = caller;
        }

        void addUnsynced(RateLimitCounters counters) {
            if (unsynced > 0 && windowStart != null) {
                shared = counters.add(caller, windowStart, unsynced);
            }
            unsynced = 0;
        }
    }

    /**
     * How long until the caller's next request fits under the limit if it sends nothing before it:
     * within this window when only the previous window's weight is in the way, else into the next
     * window, where this window's count becomes the weighted one. That next request counts as well,
     * so everything else must fit in {@code limit - 1}.
     */
    private Duration retryAfter(long current, long previous, long elapsed, long windowMillis) {
        long room = policy.limit() - 1L;
        long waitMillis;
        if (current <= room && previous > 0) {
            // ceil(previous * (window - elapsed - t) / window) <= room - current
            long t = windowMillis - elapsed - Math.floorDiv((room - current) * windowMillis, previous);
            waitMillis = Math.max(t, 0);
        } else {
            // at t into the next window: ceil(current * (window - t) / window) <= room
            long intoNext = windowMillis - Math.floorDiv(room * windowMillis, current);
            waitMillis = (windowMillis - elapsed) + intoNext;
        }
        long seconds = Math.max(1, ceilDiv(waitMillis, 1000));
        return Duration.ofSeconds(seconds);
    }

    /** Forgets windows that no longer weigh in any decision; returns how many. */
    public int purgeExpired() {
        return counters.deleteWindowsBefore(
                clock.instant().minus(policy.window().multipliedBy(2)));
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
