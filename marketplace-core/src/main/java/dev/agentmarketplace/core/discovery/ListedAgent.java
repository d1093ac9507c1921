package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentStatus;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import java.util.Objects;
import java.util.Optional;

/** One agent of the operators' listing: the agent, its status now, and its stored reputation summary, if rated. */
public record ListedAgent(Agent agent, AgentStatus status, Optional<ReputationSummary> reputation) {
    public ListedAgent {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(status, "status");
        reputation = reputation == null ? Optional.empty() : reputation;
    }
}
