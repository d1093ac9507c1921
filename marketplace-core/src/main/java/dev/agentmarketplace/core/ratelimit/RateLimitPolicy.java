package dev.agentmarketplace.core.ratelimit;

import dev.agentmarketplace.core.InvalidValueException;
import java.time.Duration;
import java.util.Objects;

/** At most {@code limit} requests per caller in any {@code window}. */
public record RateLimitPolicy(int limit, Duration window) {
    public static final RateLimitPolicy DEFAULTS = new RateLimitPolicy(600, Duration.ofMinutes(1));

    public RateLimitPolicy {
        if (limit < 1) {
            throw new InvalidValueException("limit", "must be at least 1, was " + limit);
        }
        Objects.requireNonNull(window, "window");
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidValueException("window", "must be from 1 second to 1 day, was " + window);
        }
    }
}
