package dev.agentmarketplace.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.ratelimit.RateLimitCounters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** What every {@link RateLimitCounters} adapter must do; persistence runs it against H2 and PostgreSQL. */
public abstract class RateLimitCountersContract {
    private static final int THREADS = 16;
    private static final int CALLS_PER_THREAD = 25;
    private static final Instant WINDOW = Instant.parse("2026-11-26T08:00:00Z");
    private static final Instant NEXT_WINDOW = WINDOW.plusSeconds(60);

    /** An adapter holding no counts. */
    protected abstract RateLimitCounters counters();

    @Test
    void firstIncrementOfAWindowIsOneAndEachIncrementAddsOne() {
        RateLimitCounters counters = counters();

        assertThat(counters.count("alice", WINDOW)).isZero();
        assertThat(counters.increment("alice", WINDOW)).isEqualTo(1);
        assertThat(counters.increment("alice", WINDOW)).isEqualTo(2);
        assertThat(counters.increment("alice", WINDOW)).isEqualTo(3);
        assertThat(counters.count("alice", WINDOW)).isEqualTo(3);
    }

    @Test
    void callersAndWindowsAreCountedSeparately() {
        RateLimitCounters counters = counters();
        counters.increment("alice", WINDOW);
        counters.increment("alice", WINDOW);

        assertThat(counters.increment("bob", WINDOW)).isEqualTo(1);
        assertThat(counters.increment("alice", NEXT_WINDOW)).isEqualTo(1);
        assertThat(counters.count("alice", WINDOW)).isEqualTo(2);
        assertThat(counters.count("bob", NEXT_WINDOW)).isZero();
    }

    @Test
    void windowsStartingBeforeTheCutoffAreDeletedAndCounted() {
        RateLimitCounters counters = counters();
        counters.increment("alice", WINDOW.minusSeconds(60));
        counters.increment("bob", WINDOW.minusSeconds(60));
        counters.increment("alice", WINDOW);
        counters.increment("alice", NEXT_WINDOW);

        assertThat(counters.deleteWindowsBefore(WINDOW)).isEqualTo(2);

        assertThat(counters.count("alice", WINDOW.minusSeconds(60))).isZero();
        assertThat(counters.count("bob", WINDOW.minusSeconds(60))).isZero();
        assertThat(counters.count("alice", WINDOW)).isEqualTo(1);
        assertThat(counters.count("alice", NEXT_WINDOW)).isEqualTo(1);
        assertThat(counters.increment("alice", WINDOW.minusSeconds(60))).isEqualTo(1);
    }

    @Test
    void concurrentIncrementsGetDistinctConsecutiveCounts() throws InterruptedException {
        RateLimitCounters counters = counters();

        List<Concurrently.Outcome<List<Long>>> outcomes = Concurrently.run(THREADS, thread -> {
            List<Long> counts = new ArrayList<>();
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
                counts.add(counters.increment("alice", WINDOW));
            }
            return counts;
        });

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        List<Long> all = outcomes.stream()
                .flatMap(outcome -> outcome.value().stream())
                .sorted()
                .toList();
        long calls = (long) THREADS * CALLS_PER_THREAD;
        assertThat(all)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, calls).boxed().toList());
        assertThat(counters.count("alice", WINDOW)).isEqualTo(calls);
    }
}
