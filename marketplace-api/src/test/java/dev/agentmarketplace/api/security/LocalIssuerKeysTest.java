package dev.agentmarketplace.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalIssuerKeysTest {
    @TempDir
    Path dir;

    @Test
    void aKeyCreatedOnceIsReadBackAcrossRestarts() {
        LocalIssuerKeys created = LocalIssuerKeys.loadOrCreate(dir);

        assertThat(LocalIssuerKeys.loadOrCreate(dir).keyId()).isEqualTo(created.keyId());
        assertThat(dir.resolve(LocalIssuerKeys.PRIVATE_KEY_FILE)).isRegularFile();
    }

    /**
     * Replicas starting at once on one data directory must sign with one key: a key that replaced
     * another after a process had read it would leave that process minting tokens nobody accepts.
     * Repeated, since which thread wins differs from run to run.
     */
    @RepeatedTest(3)
    void processesRacingToCreateTheKeyAllEndUpWithTheWinnersKey() throws Exception {
        Path keys = dir.resolve("race");
        int racers = 6;
        CyclicBarrier start = new CyclicBarrier(racers);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            tasks.add(() -> {
                start.await();
                return LocalIssuerKeys.loadOrCreate(keys).keyId();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        Set<String> keyIds;
        try {
            List<String> results = new ArrayList<>();
            for (Future<String> result : pool.invokeAll(tasks)) {
                results.add(result.get());
            }
            keyIds = Set.copyOf(results);
        } finally {
            pool.shutdownNow();
        }

        assertThat(keyIds).containsExactly(LocalIssuerKeys.loadOrCreate(keys).keyId());
        try (Stream<Path> left = Files.list(keys)) {
            assertThat(left.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                    .containsExactly(LocalIssuerKeys.PRIVATE_KEY_FILE);
        }
    }
}
