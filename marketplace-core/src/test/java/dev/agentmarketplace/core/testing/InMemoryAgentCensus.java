package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.market.AgentCensus;
import dev.agentmarketplace.core.market.AgentCounts;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.Availability;
import java.time.Instant;
import java.util.List;

/** {@link AgentCensus} counting the in-memory registry's agents one by one. */
public final class InMemoryAgentCensus implements AgentCensus {
    private final InMemoryAgentRepository agents;

    public InMemoryAgentCensus(InMemoryAgentRepository agents) {
        this.agents = agents;
    }

    @Override
    public AgentCounts count(Instant seenSince) {
        List<Agent> registered =
                agents.all().stream().filter(agent -> !agent.isDeregistered()).toList();
        long online = registered.stream()
                .filter(agent -> agent.availability() == Availability.ONLINE)
                .filter(agent -> !agent.lastSeenAt().isBefore(seenSince))
                .count();
        return new AgentCounts(registered.size(), online);
    }
}
