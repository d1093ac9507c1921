package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.ratelimit.RateLimitCounters;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The rate-limit port in memory: one atomically merged count per (caller, window), outside any unit of work. */
public final class InMemoryRateLimitCounters implements RateLimitCounters {
    private record Window(String caller, Instant start) {}

    private final ConcurrentMap<Window, Long> counters = new ConcurrentHashMap<>();

    @Override
    public long add(String caller, Instant windowStart, long requests) {
        return counters.merge(new Window(caller, windowStart), requests, Long::sum);
    }

    @Override
    public long count(String caller, Instant windowStart) {
        return counters.getOrDefault(new Window(caller, windowStart), 0L);
    }

    @Override
    public int deleteWindowsBefore(Instant cutoff) {
        int deleted = 0;
        for (Iterator<Window> windows = counters.keySet().iterator(); windows.hasNext(); ) {
            if (windows.next().start().isBefore(cutoff)) {
                windows.remove();
                deleted++;
            }
        }
        return deleted;
    }
}
