package dev.agentmarketplace.core.idempotency;

import dev.agentmarketplace.core.InvalidValueException;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a successful response is replayed ({@code retention}), and how long a retry waits for a
 * first request with its key that is still running before it is told {@code
 * IDEMPOTENCY_IN_PROGRESS} ({@code inProgressWait}).
 */
public record IdempotencySettings(Duration retention, Duration inProgressWait) {
    public static final IdempotencySettings DEFAULTS =
            new IdempotencySettings(Duration.ofHours(24), Duration.ofSeconds(10));

    public IdempotencySettings {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(inProgressWait, "inProgressWait");
        if (inProgressWait.isNegative() || inProgressWait.isZero()) {
            throw new InvalidValueException("inProgressWait", "must be positive, was " + inProgressWait);
        }
        if (retention.compareTo(inProgressWait) <= 0) {
            throw new InvalidValueException("retention", "must be longer than the in-progress wait, was " + retention);
        }
    }
}
