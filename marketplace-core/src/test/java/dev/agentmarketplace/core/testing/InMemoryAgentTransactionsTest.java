package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.oversight.AgentTransactions;
import dev.agentmarketplace.core.registry.AgentRepository;

class InMemoryAgentTransactionsTest extends AgentTransactionsContract {
    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository(unitOfWork);
    private final InMemoryTransactionRepository transactions = new InMemoryTransactionRepository(unitOfWork);

    @Override
    protected UnitOfWork unitOfWork() {
        return unitOfWork;
    }

    @Override
    protected AgentRepository agents() {
        return agents;
    }

    @Override
    protected TransactionRepository transactions() {
        return transactions;
    }

    @Override
    protected AgentTransactions latest() {
        return new InMemoryAgentTransactions(transactions);
    }
}
