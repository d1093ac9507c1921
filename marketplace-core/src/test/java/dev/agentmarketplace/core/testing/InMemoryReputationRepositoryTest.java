package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.reputation.ReputationRepository;

class InMemoryReputationRepositoryTest extends ReputationRepositoryContract {
    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();

    @Override
    protected ReputationRepository repository() {
        return new InMemoryReputationRepository(unitOfWork);
    }

    @Override
    protected UnitOfWork unitOfWork() {
        return unitOfWork;
    }
}
