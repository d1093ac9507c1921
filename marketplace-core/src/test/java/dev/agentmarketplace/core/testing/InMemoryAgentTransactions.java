package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.ledger.HistoryCursor;
import dev.agentmarketplace.core.ledger.PartyRole;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import dev.agentmarketplace.core.oversight.AgentTransactions;
import dev.agentmarketplace.core.registry.AgentId;
import java.util.List;
import java.util.Optional;

/** An agent's latest transactions in memory: its whole history, reversed and cut. */
public final class InMemoryAgentTransactions implements AgentTransactions {
    private final InMemoryTransactionRepository transactions;

    public InMemoryAgentTransactions(InMemoryTransactionRepository transactions) {
        this.transactions = transactions;
    }

    @Override
    public List<Transaction> latest(AgentId agent, int limit) {
        return transactions
                .history(TransactionFilter.ALL.withAgent(agent, PartyRole.EITHER), Optional.empty(), Integer.MAX_VALUE)
                .stream()
                .sorted(HistoryCursor.ORDER.reversed())
                .limit(limit)
                .toList();
    }
}
