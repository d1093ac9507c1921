package dev.agentmarketplace.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.discovery.SelectionStateStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link SelectionStateStore} must do; persistence runs it against H2 and PostgreSQL. */
public abstract class SelectionStateStoreContract {
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 250;

    /** A store in which no counter has been used yet. */
    protected abstract SelectionStateStore store();

    @Test
    void firstValueOfACounterIsOneAndEachCallAddsOne() {
        SelectionStateStore store = store();

        assertThat(store.next("round-robin:python")).isEqualTo(1);
        assertThat(store.next("round-robin:python")).isEqualTo(2);
        assertThat(store.next("round-robin:python")).isEqualTo(3);
    }

    @Test
    void countersOfDifferentKeysAreIndependent() {
        SelectionStateStore store = store();
        store.next("round-robin:python");
        store.next("round-robin:python");

        assertThat(store.next("round-robin:rust")).isEqualTo(1);
        assertThat(store.next("round-robin:python")).isEqualTo(3);
    }

    @Test
    void concurrentCallersNeverGetTheSameValue() throws Exception {
        SelectionStateStore store = store();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Callable<List<Long>> caller = () -> {
                    start.await();
                    List<Long> values = new ArrayList<>();
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        values.add(store.next("round-robin:contended"));
                    }
                    return values;
                };
                results.add(pool.submit(caller));
            }
            start.countDown();
            Set<Long> seen = new HashSet<>();
            for (Future<List<Long>> result : results) {
                for (long value : result.get()) {
                    assertThat(seen.add(value))
                            .as("value %d handed out twice", value)
                            .isTrue();
                }
            }

            assertThat(seen).hasSize(THREADS * CALLS_PER_THREAD);
            assertThat(store.next("round-robin:contended")).isEqualTo(THREADS * CALLS_PER_THREAD + 1L);
        } finally {
            pool.shutdownNow();
        }
    }
}
