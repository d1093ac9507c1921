package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.discovery.SelectionStateStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** The selection-state port in memory: one atomic counter per key, outside any unit of work like a sequence. */
public final class InMemorySelectionStateStore implements SelectionStateStore {
    private final ConcurrentMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

    @Override
    public long next(String key) {
        return counters.computeIfAbsent(key, unused -> new AtomicLong()).incrementAndGet();
    }
}
