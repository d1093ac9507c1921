package dev.agentmarketplace.core.market;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.registry.RegistrySettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The overview's configurable numbers.
 *
 * @param heartbeatLease how long a heartbeat keeps an agent ONLINE (the registry's lease)
 * @param topCapabilities how many capabilities the demand ranking shows (default 10)
 * @param pageStep how far the catch-up a page view triggers may go: small, so a page stays fast
 * @param refreshStep how far each step of the scheduled refresh may go
 * @param maxRefreshSteps steps one scheduled refresh takes at most before leaving the rest to the next
 */
public record OverviewSettings(
        Duration heartbeatLease,
        int topCapabilities,
        CatchUpLimits pageStep,
        CatchUpLimits refreshStep,
        int maxRefreshSteps) {
    public static final Duration DEFAULT_COMMIT_LAG = Duration.ofMinutes(2);
    public static final OverviewSettings DEFAULTS = new OverviewSettings(
            RegistrySettings.DEFAULT_HEARTBEAT_LEASE,
            10,
            new CatchUpLimits(DEFAULT_COMMIT_LAG, 4, 2_000),
            new CatchUpLimits(DEFAULT_COMMIT_LAG, 48, 50_000),
            100);

    public OverviewSettings {
        Objects.requireNonNull(heartbeatLease, "heartbeatLease");
        if (topCapabilities < 1 || topCapabilities > 100) {
            throw new InvalidValueException("topCapabilities", "must be 1-100, was " + topCapabilities);
        }
        Objects.requireNonNull(pageStep, "pageStep");
        Objects.requireNonNull(refreshStep, "refreshStep");
        if (maxRefreshSteps < 1) {
            throw new InvalidValueException("maxRefreshSteps", "must be at least 1, was " + maxRefreshSteps);
        }
    }
}
