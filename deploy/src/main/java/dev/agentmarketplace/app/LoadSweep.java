package dev.agentmarketplace.app;

import dev.agentmarketplace.core.discovery.DiscoverySettings;
import dev.agentmarketplace.persistence.discovery.ProviderLoadCounters;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Recounts the load of agents whose oldest counted minute has left the one-hour window (issue 13).
 * Discovery reads each agent's hires of the last hour from its search_ranking rows; a hire or a
 * cancel recounts them at once, but a minute of hires leaves the window at a whole minute with
 * nobody writing, so every replica sweeps right after each whole minute, and every few seconds
 * after it for what the first pass skipped. Replicas share the work: each skips the agents another
 * transaction holds, a hire's or another replica's sweep.
 */
@ApplicationScoped
public class LoadSweep {
    private static final Logger LOG = Logger.getLogger(LoadSweep.class);

    /** Ranking rows read per step; each step is a transaction of its own, so locks stay short. */
    static final int STEP = 500;

    private final ProviderLoadCounters counters;
    private final Clock clock;

    LoadSweep(ProviderLoadCounters counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    @Scheduled(
            identity = "load-sweep",
            cron = "${marketplace.discovery.load-sweep-cron:1/5 * * * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        Instant windowStart = clock.instant().minus(DiscoverySettings.LOAD_WINDOW);
        long started = System.nanoTime();
        int recounted = 0;
        ProviderLoadCounters.Recount step;
        do {
            step = counters.recountOutgrown(windowStart, STEP);
            recounted += step.recounted();
        } while (step.mayHaveMore(STEP));
        if (recounted > 0) {
            LOG.debugf(
                    "Load sweep: %d agents recounted in %d ms",
                    Integer.valueOf(recounted), Long.valueOf((System.nanoTime() - started) / 1_000_000));
        }
    }
}
