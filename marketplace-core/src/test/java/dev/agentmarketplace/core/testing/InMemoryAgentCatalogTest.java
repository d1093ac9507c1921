package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.discovery.AgentCatalog;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.reputation.ReputationRepository;

class InMemoryAgentCatalogTest extends AgentCatalogContract {
    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository(unitOfWork);
    private final InMemoryReputationRepository reputations = new InMemoryReputationRepository(unitOfWork);

    @Override
    protected AgentRepository agents() {
        return agents;
    }

    @Override
    protected ReputationRepository reputations() {
        return reputations;
    }

    @Override
    protected AgentCatalog catalog() {
        return new InMemoryAgentCatalog(agents, reputations);
    }

    @Override
    protected UnitOfWork unitOfWork() {
        return unitOfWork;
    }
}
