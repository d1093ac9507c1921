package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.registry.AgentRepository;

class InMemoryAgentRepositoryTest extends AgentRepositoryContract {
    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final InMemoryAgentRepository repository = new InMemoryAgentRepository(unitOfWork);

    @Override
    protected AgentRepository repository() {
        return repository;
    }

    @Override
    protected UnitOfWork unitOfWork() {
        return unitOfWork;
    }
}
