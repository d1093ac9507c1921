package dev.agentmarketplace.core.reputation;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.registry.AgentId;
import java.time.Instant;
import java.util.Objects;

/**
 * What discovery needs of a reputation, stored per agent so a database can filter and sort on it:
 * the score and the interval's lower bound as of the agent's last reputation event ({@code asOf}).
 * Decay since then is not reflected until the next event; that keeps search a plain indexed query.
 */
public record ReputationSummary(
        AgentId agent, double score, double lowerBound, double effectiveObservations, Instant asOf) {
    public ReputationSummary {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(asOf, "asOf");
        if (!(lowerBound >= 0 && lowerBound <= score && score <= 5)) {
            throw new InvalidValueException(
                    "summary", "needs 0 <= lowerBound <= score <= 5, was " + lowerBound + ", " + score);
        }
        if (!(effectiveObservations >= 0)) {
            throw new InvalidValueException("summary", "effectiveObservations must not be negative");
        }
    }
}
