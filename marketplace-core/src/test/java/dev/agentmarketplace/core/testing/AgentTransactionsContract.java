package dev.agentmarketplace.core.testing;

import static dev.agentmarketplace.core.testing.LedgerContractData.T0;
import static dev.agentmarketplace.core.testing.LedgerContractData.agent;
import static dev.agentmarketplace.core.testing.LedgerContractData.pending;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.oversight.AgentTransactions;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AgentTransactions} must do; persistence runs it against H2 and PostgreSQL. */
public abstract class AgentTransactionsContract {
    protected abstract UnitOfWork unitOfWork();

    protected abstract AgentRepository agents();

    protected abstract TransactionRepository transactions();

    /** The latest transactions of what {@link #transactions()} stores. */
    protected abstract AgentTransactions latest();

    private TransactionRepository repo;

    @BeforeEach
    void storeAgents() {
        repo = transactions();
        AgentRepository stored = agents();
        unitOfWork().run(() -> List.of("alice", "bob", "carol").forEach(id -> stored.add(agent(id))));
    }

    @Test
    void latestAreTheAgentsOwnAsPayerOrProviderNewestFirst() {
        store(pending(1, "alice", "bob", "python", "1.00", T0));
        store(pending(2, "bob", "carol", "python", "1.00", T0.plusSeconds(10)));
        store(pending(3, "carol", "alice", "python", "1.00", T0.plusSeconds(20)));
        store(pending(4, "alice", "carol", "python", "1.00", T0.plusSeconds(30)));

        assertThat(ids(latest().latest(AgentId.of("bob"), 10))).containsExactly(2, 1);
        assertThat(ids(latest().latest(AgentId.of("alice"), 10))).containsExactly(4, 3, 1);
        assertThat(ids(latest().latest(AgentId.of("alice"), 2))).containsExactly(4, 3);
    }

    @Test
    void transactionsOfOneInstantAreOrderedByIdDescending() {
        store(pending(1, "alice", "bob", "python", "1.00", T0));
        store(pending(2, "bob", "alice", "python", "1.00", T0));
        store(pending(3, "alice", "carol", "python", "1.00", T0));

        assertThat(ids(latest().latest(AgentId.of("alice"), 10))).containsExactly(3, 2, 1);
    }

    @Test
    void anAgentWithoutTransactionsHasNone() {
        store(pending(1, "alice", "bob", "python", "1.00", T0));

        assertThat(latest().latest(AgentId.of("carol"), 10)).isEmpty();
    }

    private void store(Transaction transaction) {
        unitOfWork().run(() -> repo.add(transaction));
    }

    private static List<Integer> ids(List<Transaction> transactions) {
        return transactions.stream()
                .map(tx -> Integer.parseInt(tx.id().value().substring(24)))
                .toList();
    }
}
