package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent a search found, with the values it was filtered and sorted on: its effective
 * availability, its reputation summary (none for an agent without history) and the score used
 * (the summary's, or the prior for an unrated agent), and its load.
 */
public record SearchHit(
        Agent agent,
        Availability availability,
        Optional<ReputationSummary> reputation,
        double score,
        long recentHires,
        double load) {
    public SearchHit {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(availability, "availability");
        reputation = reputation == null ? Optional.empty() : reputation;
    }
}
