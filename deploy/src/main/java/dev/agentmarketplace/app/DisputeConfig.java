package dev.agentmarketplace.app;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

/** {@code marketplace.disputes.*}; unset properties take the defaults of the core's {@code DisputeSettings}. */
@ConfigMapping(prefix = "marketplace.disputes")
public interface DisputeConfig {
    /** How long after opening the parties may add evidence (default 72 hours). */
    Optional<Duration> evidenceWindow();
}
