package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.idempotency.IdempotencyRecords;

class InMemoryIdempotencyRecordsTest extends IdempotencyRecordsContract {
    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();

    @Override
    protected IdempotencyRecords records() {
        return new InMemoryIdempotencyRecords(unitOfWork);
    }

    @Override
    protected UnitOfWork unitOfWork() {
        return unitOfWork;
    }
}
