package dev.agentmarketplace.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.testing.InMemoryRateLimitCounters;
import dev.agentmarketplace.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
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

    @Test
    void aReplicaAddsItsCountToTheSharedOneInStepsOfOnePercentOfTheLimit() {
        RateLimiter limiter = limiter(1000, Duration.ofMinutes(1));
        assertThat(limiter.syncEvery()).isEqualTo(10);

        for (int i = 0; i < 25; i++) {
            assertThat(limiter.acquire("alice").remaining()).isEqualTo(1000 - (i + 1));
        }

        // The first request of the window, then two steps of ten; four wait for the next step.
        assertThat(counters.count("alice", WINDOW_START)).isEqualTo(21);
        limiter.flush();
        assertThat(counters.count("alice", WINDOW_START)).isEqualTo(25);
    }

    @Test
    void underTwoHundredEveryRequestIsAddedToTheSharedCount() {
        RateLimiter limiter = limiter(199, Duration.ofMinutes(1));

        for (int i = 0; i < 7; i++) {
            limiter.acquire("alice");
        }

        assertThat(limiter.syncEvery()).isEqualTo(1);
        assertThat(counters.count("alice", WINDOW_START)).isEqualTo(7);
    }

    @Test
    void oneReplicaAloneRefusesExactlyAtTheLimitEvenWhenItCountsInSteps() {
        RateLimiter limiter = limiter(1000, Duration.ofMinutes(1));

        long allowed = IntStream.range(0, 1100)
                .filter(i -> limiter.acquire("alice").allowed())
                .count();

        assertThat(allowed).isEqualTo(1000);
    }

    @Test
    void replicasTogetherExceedTheLimitByLessThanOneStepPerOtherReplica() {
        RateLimiter first = limiter(1000, Duration.ofMinutes(1));
        RateLimiter second = limiter(1000, Duration.ofMinutes(1));
        RateLimiter third = limiter(1000, Duration.ofMinutes(1));
        List<RateLimiter> replicas = List.of(first, second, third);

        long allowed = IntStream.range(0, 1500)
                .filter(i -> replicas.get(i % 3).acquire("alice").allowed())
                .count();

        assertThat(allowed).isBetween(1000L, 1000L + 2 * (first.syncEvery() - 1));
    }

    @Test
    void aReplicaThatSawTheOthersCountsRefusesOnceTheSharedCountIsAtTheLimit() {
        RateLimiter first = limiter(1000, Duration.ofMinutes(1));
        RateLimiter second = limiter(1000, Duration.ofMinutes(1));
        for (int i = 0; i < 1000; i++) {
            first.acquire("alice");
        }
        first.flush();

        assertThat(second.acquire("alice").allowed()).isFalse();
    }

    @Test
    void flushForgetsCallersWhoseWindowHasPassedAfterAddingWhatTheyCounted() {
        RateLimiter limiter = limiter(1000, Duration.ofMinutes(1));
        for (int i = 0; i < 5; i++) {
            limiter.acquire("alice");
        }
        clock.set(WINDOW_START.plusSeconds(61));

        limiter.flush();

        assertThat(counters.count("alice", WINDOW_START)).isEqualTo(5);
        // One second into the next window, 59/60 of the previous 5 still weigh in (5, rounded up), plus this one.
        assertThat(limiter.acquire("alice").remaining()).isEqualTo(1000 - 5 - 1);
    }

    @Test
    void concurrentRequestsOnSeveralReplicasAreAllCountedOnceFlushed() throws InterruptedException {
        List<RateLimiter> replicas = List.of(
                limiter(100_000, Duration.ofMinutes(1)),
                limiter(100_000, Duration.ofMinutes(1)),
                limiter(100_000, Duration.ofMinutes(1)));
        int threads = 6;
        int perThread = 2_000;
        AtomicLong allowed = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                RateLimiter replica = replicas.get(t % replicas.size());
                pool.execute(() -> {
                    for (int i = 0; i < perThread; i++) {
                        if (replica.acquire("alice").allowed()) {
                            allowed.incrementAndGet();
                        }
                    }
                });
            }
        }
        replicas.forEach(RateLimiter::flush);

        assertThat(allowed.get()).isEqualTo(threads * perThread);
        assertThat(counters.count("alice", WINDOW_START)).isEqualTo(threads * perThread);
    }
}
