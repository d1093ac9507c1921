package dev.agentmarketplace.core.dispute;

import dev.agentmarketplace.core.InvalidValueException;
import java.time.Duration;
import java.util.Objects;

/**
 * The dispute desk's configurable numbers.
 *
 * @param evidenceWindow how long after opening the parties may add evidence (default 72 hours)
 */
public record DisputeSettings(Duration evidenceWindow) {
    public static final DisputeSettings DEFAULTS = new DisputeSettings(Duration.ofHours(72));

    public DisputeSettings {
        Objects.requireNonNull(evidenceWindow, "evidenceWindow");
        if (evidenceWindow.isNegative() || evidenceWindow.isZero()) {
            throw new InvalidValueException("evidenceWindow", "must be positive, was " + evidenceWindow);
        }
    }
}
