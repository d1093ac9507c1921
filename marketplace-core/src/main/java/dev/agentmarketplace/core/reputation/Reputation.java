package dev.agentmarketplace.core.reputation;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.registry.AgentId;
import java.time.Instant;
import java.util.Objects;

/**
 * An agent's reputation at {@code asOf}: the score (0-5), how many effective observations it rests
 * on (decayed and weighted, see {@link ReputationCalculator}), the confidence interval around it,
 * and plain counts of what happened. Rankings use {@link #low()}, so an agent must earn confidence
 * as well as praise.
 */
public record Reputation(
        AgentId agent,
        double score,
        double effectiveObservations,
        double low,
        double high,
        long successes,
        long failures,
        long feedbackCount,
        Instant asOf) {
    public Reputation {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(asOf, "asOf");
        if (!(low >= 0 && low <= score && score <= high && high <= 5)) {
            throw new InvalidValueException(
                    "reputation", "needs 0 <= low <= score <= high <= 5, was " + low + ", " + score + ", " + high);
        }
        if (!(effectiveObservations >= 0) || successes < 0 || failures < 0 || feedbackCount < 0) {
            throw new InvalidValueException("reputation", "observations and counts must not be negative");
        }
    }

    public ReputationSummary summary() {
        return new ReputationSummary(agent, score, low, effectiveObservations, asOf);
    }
}
