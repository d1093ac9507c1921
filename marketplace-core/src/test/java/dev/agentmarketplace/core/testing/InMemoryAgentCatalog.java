package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.discovery.AgentCatalog;
import dev.agentmarketplace.core.discovery.AgentFilter;
import dev.agentmarketplace.core.discovery.ListedAgent;
import dev.agentmarketplace.core.registry.AgentStatus;
import dev.agentmarketplace.core.reputation.ReputationRepository;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import java.util.List;

/** The operators' listing in memory: a scan of {@link InMemoryAgentRepository#all()} (already in id order). */
public final class InMemoryAgentCatalog implements AgentCatalog {
    private final InMemoryAgentRepository agents;
    private final ReputationRepository reputations;

    public InMemoryAgentCatalog(InMemoryAgentRepository agents, ReputationRepository reputations) {
        this.agents = agents;
        this.reputations = reputations;
    }

    @Override
    public List<ListedAgent> list(Query query) {
        AgentFilter filter = query.filter();
        return agents.all().stream()
                .filter(agent -> query.after()
                        .map(after -> agent.id().compareTo(after) > 0)
                        .orElse(true))
                .map(agent -> new ListedAgent(
                        agent,
                        AgentStatus.of(agent, query.now(), query.heartbeatLease()),
                        reputations.summaryOf(agent.id())))
                .filter(row -> filter.admits(row.status()))
                .filter(row -> filter.capability().map(row.agent()::offers).orElse(true))
                .filter(row -> filter.currency()
                        .map(currency -> row.agent().price().currency().equals(currency))
                        .orElse(true))
                .filter(row -> filter.priceCeiling()
                        .map(ceiling -> !row.agent().price().isGreaterThan(ceiling))
                        .orElse(true))
                .filter(row -> filter.minReputation().isEmpty()
                        || row.reputation().map(ReputationSummary::score).orElse(query.unratedScore())
                                >= filter.minReputation().getAsDouble())
                .limit(query.limit())
                .toList();
    }
}
