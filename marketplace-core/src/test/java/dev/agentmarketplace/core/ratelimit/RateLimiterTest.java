package dev.agentmarketplace.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.testing.InMemoryRateLimitCounters;
import dev.agentmarketplace.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    /** The start of a fixed window for every window length a minute divides. */
    private static final Instant WINDOW_START = Instant.parse("2026-11-26T08:00:00Z");

    private final MutableClock clock = new MutableClock(WINDOW_START);
    private final InMemoryRateLimitCounters counters = new InMemoryRateLimitCounters();

    private RateLimiter limiter(int limit, Duration window) {
        return new RateLimiter(counters, new RateLimitPolicy(limit, window), clock);
    }

    @Test
    void allowsUpToTheLimitAndCountsDownTheRemainder() {
        RateLimiter limiter = limiter(3, Duration.ofMinutes(1));

        assertThat(limiter.acquire("alice")).isEqualTo(new RateDecision(true, 3, 2, Duration.ZERO));
        assertThat(limiter.acquire("alice")).isEqualTo(new RateDecision(true, 3, 1, Duration.ZERO));
        assertThat(limiter.acquire("alice")).isEqualTo(new RateDecision(true, 3, 0, Duration.ZERO));
    }

    @Test
    void refusesBeyondTheLimitWithAWholeSecondRetryAfterOfAtLeastOneSecond() {
        RateLimiter limiter = limiter(3, Duration.ofMinutes(1));
        clock.advance(Duration.ofMillis(59_900));
        for (int i = 0; i < 3; i++) {
            limiter.acquire("alice");
        }

        RateDecision refused = limiter.acquire("alice");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo(3);
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(refused.retryAfter().toNanos() % 1_000_000_000L).isZero();
    }

    @Test
    void callersAreLimitedSeparately() {
        RateLimiter limiter = limiter(1, Duration.ofMinutes(1));
        limiter.acquire("alice");

        assertThat(limiter.acquire("alice").allowed()).isFalse();
        assertThat(limiter.acquire("bob").allowed()).isTrue();
    }

    @Test
    void previousWindowWeighsInByHowMuchOfItStillOverlapsTheSlidingWindow() {
        RateLimiter limiter = limiter(10, Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            limiter.acquire("alice");
        }
        // A quarter into the next window, three quarters of the previous 10 still count: 7.5, rounded up to 8.
        clock.set(WINDOW_START.plusSeconds(75));

        assertThat(limiter.acquire("alice")).isEqualTo(new RateDecision(true, 10, 1, Duration.ZERO));
        assertThat(limiter.acquire("alice")).isEqualTo(new RateDecision(true, 10, 0, Duration.ZERO));
        assertThat(limiter.acquire("alice").allowed()).isFalse();
    }

    @Test
    void previousWindowNoLongerCountsOnceTheSlidingWindowHasPassedIt() {
        RateLimiter limiter = limiter(2, Duration.ofMinutes(1));
        limiter.acquire("alice");
        limiter.acquire("alice");
        limiter.acquire("alice");
        clock.set(WINDOW_START.plusSeconds(120));

        assertThat(limiter.acquire("alice")).isEqualTo(new RateDecision(true, 2, 1, Duration.ZERO));
    }

    @Test
    void callerAtTheLimitGetsThroughAfterWaitingTheRetryAfter() {
        RateLimiter limiter = limiter(10, Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            limiter.acquire("alice");
        }
        clock.set(WINDOW_START.plusSeconds(75));
        limiter.acquire("alice");
        limiter.acquire("alice");
        RateDecision refused = limiter.acquire("alice");

        clock.advance(refused.retryAfter());

        assertThat(limiter.acquire("alice").allowed()).isTrue();
    }

    /**
     * Whatever came before, a refused caller that waits exactly {@code Retry-After} and sends one
     * request is let through: the header never sends a client back only to be refused again.
     */
    @Property(tries = 2000)
    void waitingTheRetryAfterAlwaysLetsTheNextRequestThrough(
            @ForAll @IntRange(min = 1, max = 20) int limit,
            @ForAll @IntRange(min = 1, max = 300) int windowSeconds,
            @ForAll @IntRange(min = 0, max = 40) int earlierRequests,
            @ForAll @IntRange(min = 0, max = 600_000) int pauseMillis,
            @ForAll @IntRange(min = 0, max = 30) int hammering) {
        // jqwik runs every try on one instance: each try gets counters and a clock of its own.
        MutableClock clock = new MutableClock(WINDOW_START.plusMillis(pauseMillis % 7_919));
        RateLimiter limiter = new RateLimiter(
                new InMemoryRateLimitCounters(), new RateLimitPolicy(limit, Duration.ofSeconds(windowSeconds)), clock);
        for (int i = 0; i < earlierRequests; i++) {
            limiter.acquire("alice");
        }
        clock.advance(Duration.ofMillis(pauseMillis));
        RateDecision last = limiter.acquire("alice");
        while (last.allowed()) {
            last = limiter.acquire("alice");
        }
        for (int i = 0; i < hammering; i++) {
            last = limiter.acquire("alice");
        }
        assertThat(last.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

        clock.advance(last.retryAfter());

        assertThat(limiter.acquire("alice").allowed())
                .as("allowed after waiting %s", last.retryAfter())
                .isTrue();
    }

    @Test
    void purgeForgetsWindowsThatNoLongerWeighIn() {
        RateLimiter limiter = limiter(5, Duration.ofMinutes(1));
        limiter.acquire("alice");
        clock.set(WINDOW_START.plusSeconds(60));
        limiter.acquire("alice");
        clock.set(WINDOW_START.plusSeconds(150));

        assertThat(limiter.purgeExpired()).isEqualTo(1);
        assertThat(counters.count("alice", WINDOW_START)).isZero();
        assertThat(counters.count("alice", WINDOW_START.plusSeconds(60))).isEqualTo(1);
    }
}
