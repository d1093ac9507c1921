package dev.agentmarketplace.core.idempotency;

import dev.agentmarketplace.core.InvalidValueException;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a successful response is replayed ({@code retention}), and how long a claim without a
 * response blocks retries before it counts as abandoned by a replica that died mid-request
 * ({@code inProgressLease}).
 */
public record IdempotencySettings(Duration retention, Duration inProgressLease) {
    public static final IdempotencySettings DEFAULTS =
            new IdempotencySettings(Duration.ofHours(24), Duration.ofMinutes(1));

    public IdempotencySettings {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(inProgressLease, "inProgressLease");
        if (inProgressLease.isNegative() || inProgressLease.isZero()) {
            throw new InvalidValueException("inProgressLease", "must be positive, was " + inProgressLease);
        }
        if (retention.compareTo(inProgressLease) <= 0) {
            throw new InvalidValueException("retention", "must be longer than the in-progress lease, was " + retention);
        }
    }
}
