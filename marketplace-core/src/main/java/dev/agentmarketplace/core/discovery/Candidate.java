package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * An agent as {@link AgentDiscovery#recommend} weighs it (issue 13): the values its rank and the
 * search's filters read, without the rest of the agent, which is read only for the agents
 * recommended. {@code lowerBound} is the reputation summary's, empty for an agent without one;
 * {@code score} and {@code load} are the search's ({@link SearchHit}).
 */
public record Candidate(
        AgentId id,
        Money price,
        Availability availability,
        OptionalDouble lowerBound,
        double score,
        long recentHires,
        double load) {
    public Candidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(availability, "availability");
        lowerBound = lowerBound == null ? OptionalDouble.empty() : lowerBound;
    }

    /** The candidate a search hit stands for. */
    public static Candidate of(SearchHit hit) {
        return new Candidate(
                hit.agent().id(),
                hit.agent().price(),
                hit.availability(),
                hit.reputation()
                        .map(summary -> OptionalDouble.of(summary.lowerBound()))
                        .orElse(OptionalDouble.empty()),
                hit.score(),
                hit.recentHires(),
                hit.load());
    }

    /** The cursor that continues a {@link SearchSort#REPUTATION} search after this candidate. */
    SearchCursor cursor() {
        return new SearchCursor.ByReputation(score, id);
    }
}
