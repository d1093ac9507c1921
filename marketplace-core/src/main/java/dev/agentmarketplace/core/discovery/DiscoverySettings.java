package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.registry.RegistrySettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The numbers behind discovery. Defaults ({@link #DEFAULTS}):
 *
 * <ul>
 *   <li>{@code heartbeatLease} the registry's lease (90 s): an agent not seen for longer is OFFLINE, whatever it declared;
 *   <li>{@code reputationWeight} 0.5, {@code priceWeight} 0.3, {@code loadWeight} 0.2: the weights of
 *       a recommendation's rank (see {@link Recommendation}); reputation leads, price and spare
 *       capacity break near-ties;
 *   <li>{@code maxCandidates} 200: how many agents recommend and select consider at most, the best-rated first
 *       (one search page: far more than any top-N asked for, and bounded work at any market size).
 * </ul>
 */
public record DiscoverySettings(
        Duration heartbeatLease, double reputationWeight, double priceWeight, double loadWeight, int maxCandidates) {
    public static final DiscoverySettings DEFAULTS =
            new DiscoverySettings(RegistrySettings.DEFAULT_HEARTBEAT_LEASE, 0.5, 0.3, 0.2, 200);

    /** Load is hires in the last hour over capacity per hour, so the window is fixed by the unit of capacity. */
    public static final Duration LOAD_WINDOW = Duration.ofHours(1);

    public DiscoverySettings {
        Objects.requireNonNull(heartbeatLease, "heartbeatLease");
        if (heartbeatLease.isNegative() || heartbeatLease.isZero()) {
            throw new InvalidValueException("heartbeatLease", "must be positive, was " + heartbeatLease);
        }
        for (double weight : new double[] {reputationWeight, priceWeight, loadWeight}) {
            if (!(weight >= 0 && weight <= 1)) {
                throw new InvalidValueException("weights", "each rank weight must be between 0 and 1, was " + weight);
            }
        }
        if (Math.abs(reputationWeight + priceWeight + loadWeight - 1) > 1e-9) {
            throw new InvalidValueException("weights", "rank weights must add up to 1, so a rank stays within 0-1");
        }
        if (maxCandidates < 1) {
            throw new InvalidValueException("maxCandidates", "must be positive, was " + maxCandidates);
        }
    }
}
