package dev.agentmarketplace.app;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code marketplace.registry.*}: the registry's settings. Unset properties take the defaults of
 * the core's {@code RegistrySettings}, which is the one place they are defined.
 */
@ConfigMapping(prefix = "marketplace.registry")
public interface RegistryConfig {
    /** How long a heartbeat keeps an agent's declared availability (default 90s). */
    Optional<Duration> heartbeatLease();

    /** The most items one bulk registration or update may carry (default 500). */
    OptionalInt maxBatchSize();
}
