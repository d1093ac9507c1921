package dev.agentmarketplace.core.reputation;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.registry.AgentId;
import java.time.Instant;
import java.util.Objects;

/**
 * An agent's reputation just after one of its events: the score and its confidence interval at
 * {@code at}. Kept with every event, so a chart of the score over time reads stored points instead
 * of recomputing the whole history for each of them.
 */
public record ReputationPoint(AgentId agent, Instant at, double score, double low, double high) {
    public ReputationPoint {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(at, "at");
        if (!(low >= 0 && low <= score && score <= high && high <= 5)) {
            throw new InvalidValueException(
                    "point", "needs 0 <= low <= score <= high <= 5, was " + low + ", " + score + ", " + high);
        }
    }

    public static ReputationPoint of(Reputation reputation) {
        return new ReputationPoint(
                reputation.agent(), reputation.asOf(), reputation.score(), reputation.low(), reputation.high());
    }
}
