package dev.agentmarketplace.core.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Per-caller rate limiting with a sliding-window counter: the count of the current fixed window
 * plus the previous window's count weighted by how much of it still overlaps the sliding window
 * ending now. It needs two counters per caller, which live in the database so that every replica
 * sees the same counts, and it does not let a caller burst twice the limit across a window edge as
 * a plain fixed window would.
 *
 * <p>Refused requests count too, so a caller that keeps hammering stays refused; one that waits for
 * {@code Retry-After} gets through.
 */
public final class RateLimiter {
    private final RateLimitCounters counters;
    private final RateLimitPolicy policy;
    private final Clock clock;

    public RateLimiter(RateLimitCounters counters, RateLimitPolicy policy, Clock clock) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public RateLimitPolicy policy() {
        return policy;
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

        long current = counters.increment(caller, windowStart);
        long previous = counters.count(caller, windowStart.minusMillis(windowMillis));
        // previous * (1 - elapsed/window), in integer arithmetic, rounded up so the limit is never exceeded.
        long weightedPrevious = ceilDiv(previous * (windowMillis - elapsed), windowMillis);
        long estimate = weightedPrevious + current;
        int limit = policy.limit();
        if (estimate <= limit) {
            return new RateDecision(true, limit, (int) (limit - estimate), Duration.ZERO);
        }
        return new RateDecision(false, limit, 0, retryAfter(current, previous, elapsed, windowMillis));
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
