package dev.agentmarketplace.core.market;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.HireStatistics;
import dev.agentmarketplace.core.ledger.JournalRepository;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.testing.InMemoryAgentCensus;
import dev.agentmarketplace.core.testing.InMemoryAgentRepository;
import dev.agentmarketplace.core.testing.InMemoryHireStatistics;
import dev.agentmarketplace.core.testing.InMemoryJournalRepository;
import dev.agentmarketplace.core.testing.InMemoryMarketActivity;
import dev.agentmarketplace.core.testing.InMemoryTransactionRepository;
import dev.agentmarketplace.core.testing.InMemoryUnitOfWork;
import dev.agentmarketplace.core.testing.MarketActivityContract;

/** The reference adapters, computed afresh at every read, hold the contract the database's rollups are held to. */
class InMemoryMarketActivityTest extends MarketActivityContract {
    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository(unitOfWork);
    private final InMemoryTransactionRepository transactions = new InMemoryTransactionRepository(unitOfWork);
    private final InMemoryJournalRepository journal = new InMemoryJournalRepository(unitOfWork);

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
    protected JournalRepository journal() {
        return journal;
    }

    @Override
    protected HireStatistics statistics() {
        return new InMemoryHireStatistics(transactions);
    }

    @Override
    protected MarketActivity activity() {
        return new InMemoryMarketActivity(transactions, journal);
    }

    @Override
    protected AgentCensus census() {
        return new InMemoryAgentCensus(agents);
    }
}
