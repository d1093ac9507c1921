package dev.agentmarketplace.core.registry;

import dev.agentmarketplace.core.InvalidValueException;
import java.time.Duration;
import java.util.Objects;

/**
 * The registry's tunable numbers.
 *
 * @param heartbeatLease how long a heartbeat keeps an agent's declared availability; after it lapses
 *     the agent counts as OFFLINE for discovery and hiring. Default 90 s (issue 3).
 * @param maxBatchSize the most items one bulk registration or bulk update may carry, so one request
 *     cannot hold a unit of work (and its locks) for long. Default 500.
 */
public record RegistrySettings(Duration heartbeatLease, int maxBatchSize) {
    public static final Duration DEFAULT_HEARTBEAT_LEASE = Duration.ofSeconds(90);
    public static final int DEFAULT_MAX_BATCH_SIZE = 500;
    public static final int MAX_BATCH_SIZE_LIMIT = 10_000;
    public static final RegistrySettings DEFAULTS =
            new RegistrySettings(DEFAULT_HEARTBEAT_LEASE, DEFAULT_MAX_BATCH_SIZE);

    public RegistrySettings {
        Objects.requireNonNull(heartbeatLease, "heartbeatLease");
        if (heartbeatLease.isNegative() || heartbeatLease.isZero()) {
            throw new InvalidValueException("heartbeatLease", "must be positive, was " + heartbeatLease);
        }
        if (maxBatchSize < 1 || maxBatchSize > MAX_BATCH_SIZE_LIMIT) {
            throw new InvalidValueException(
                    "maxBatchSize", "must be between 1 and " + MAX_BATCH_SIZE_LIMIT + ", was " + maxBatchSize);
        }
    }
}
