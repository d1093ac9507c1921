package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.registry.Agent;
import java.util.Objects;

/**
 * A recommended agent and why it ranks where it does:
 *
 * <pre>
 *   rank = wR·(lowerBound / 5) + wP·(1 − normalizedPrice) + wL·(1 − min(load, 1))
 * </pre>
 *
 * where {@code lowerBound} is the low end of the reputation's confidence interval (so confidence
 * counts, not only the score), {@code normalizedPrice} is the price placed between the cheapest
 * (0) and dearest (1) candidate of the same currency (0 when they all cost the same), and {@code
 * load} is hires in the last hour ÷ capacity per hour. The components are already weighted, so
 * {@code rank = reputationComponent + priceComponent + loadComponent}.
 */
public record Recommendation(
        Agent agent,
        double rank,
        double reputationComponent,
        double priceComponent,
        double loadComponent,
        double lowerBound,
        double normalizedPrice,
        double load) {
    public Recommendation {
        Objects.requireNonNull(agent, "agent");
    }
}
