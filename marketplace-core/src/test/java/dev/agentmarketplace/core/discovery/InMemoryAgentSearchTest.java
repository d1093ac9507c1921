package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.reputation.ReputationRepository;
import dev.agentmarketplace.core.testing.AgentSearchContract;
import dev.agentmarketplace.core.testing.InMemoryAgentRepository;
import dev.agentmarketplace.core.testing.InMemoryAgentSearch;
import dev.agentmarketplace.core.testing.InMemoryReputationRepository;
import dev.agentmarketplace.core.testing.InMemoryUnitOfWork;
import java.time.Instant;

class InMemoryAgentSearchTest extends AgentSearchContract {
    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository(unitOfWork);
    private final InMemoryReputationRepository reputations = new InMemoryReputationRepository(unitOfWork);
    private final DiscoveryTestHires hires = new DiscoveryTestHires();

    @Override
    protected AgentRepository agents() {
        return agents;
    }

    @Override
    protected ReputationRepository reputations() {
        return reputations;
    }

    @Override
    protected AgentSearch search() {
        return new InMemoryAgentSearch(agents, reputations, hires);
    }

    @Override
    protected UnitOfWork unitOfWork() {
        return unitOfWork;
    }

    @Override
    protected void recordHires(AgentId provider, int count, Instant at) {
        for (int i = 0; i < count; i++) {
            hires.hire(provider, Capability.of("python"), Money.of("1.00", "USDC"), at);
        }
    }
}
