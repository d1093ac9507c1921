package dev.agentmarketplace.app;

import dev.agentmarketplace.core.market.AgentCensus;
import dev.agentmarketplace.core.market.CatchUpLimits;
import dev.agentmarketplace.core.market.MarketActivity;
import dev.agentmarketplace.core.market.MarketOverview;
import dev.agentmarketplace.core.market.OverviewSettings;
import dev.agentmarketplace.core.registry.RegistrySettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Builds the dashboard overview's core service over the rollups of the persistence module. */
public class OverviewWiring {

    /** Agents count as ONLINE by the registry's own lease, so the overview and discovery agree. */
    @Produces
    @Singleton
    OverviewSettings overviewSettings(OverviewConfig config, RegistrySettings registry) {
        OverviewSettings defaults = OverviewSettings.DEFAULTS;
        Duration lag = config.commitLag().orElse(OverviewSettings.DEFAULT_COMMIT_LAG);
        return new OverviewSettings(
                registry.heartbeatLease(),
                config.topCapabilities().orElse(defaults.topCapabilities()),
                new CatchUpLimits(
                        lag, defaults.pageStep().maxHours(), defaults.pageStep().maxJournalEntries()),
                new CatchUpLimits(
                        lag,
                        defaults.refreshStep().maxHours(),
                        defaults.refreshStep().maxJournalEntries()),
                defaults.maxRefreshSteps());
    }

    @Produces
    @Singleton
    MarketOverview marketOverview(MarketActivity activity, AgentCensus census, Clock clock, OverviewSettings settings) {
        return new MarketOverview(activity, census, clock, settings);
    }
}
