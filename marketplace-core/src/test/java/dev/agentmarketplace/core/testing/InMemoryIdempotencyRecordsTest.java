package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.idempotency.IdempotencyRecords;

class InMemoryIdempotencyRecordsTest extends IdempotencyRecordsContract {
    @Override
    protected IdempotencyRecords records() {
        return new InMemoryIdempotencyRecords();
    }
}
