package dev.agentmarketplace.app;

import dev.agentmarketplace.core.market.CatchUp;
import dev.agentmarketplace.core.market.MarketOverview;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Catches the overview's rollups up on every replica. The rollups' cursor lives in the database and
 * one replica at a time holds it (the others skip), so refreshing on several replicas is harmless;
 * a page view also takes one small step, so a move shows on the next view even between refreshes.
 */
@ApplicationScoped
public class OverviewRefresh {
    private static final Logger LOG = Logger.getLogger(OverviewRefresh.class);

    private final MarketOverview overview;

    OverviewRefresh(MarketOverview overview) {
        this.overview = overview;
    }

    @Scheduled(
            identity = "overview-refresh",
            every = "${marketplace.overview.refresh-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        CatchUp done = overview.refresh();
        if (done.hoursRecomputed() > 0 || done.journalEntriesRead() > 0) {
            LOG.debugf(
                    "Overview rollups: %d hours recomputed, %d journal entries read, caught up: %b",
                    Integer.valueOf(done.hoursRecomputed()),
                    Long.valueOf(done.journalEntriesRead()),
                    Boolean.valueOf(done.caughtUp()));
        }
    }
}
