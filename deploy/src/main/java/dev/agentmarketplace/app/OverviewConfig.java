package dev.agentmarketplace.app;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code marketplace.overview.*}: the dashboard overview's rollups. Unset properties take the
 * defaults of the core's {@code OverviewSettings}, which is the one place they are defined.
 */
@ConfigMapping(prefix = "marketplace.overview")
public interface OverviewConfig {
    /** How often each replica catches the rollups up (default 30 s); see {@code OverviewRefresh}. */
    Optional<Duration> refreshInterval();

    /** How late after its timestamp a ledger move may still commit (default 2 min). */
    Optional<Duration> commitLag();

    /** How many capabilities the demand ranking shows (default 10). */
    OptionalInt topCapabilities();
}
