package dev.agentmarketplace.persistence.ledger;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.oversight.AgentTransactions;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.testing.AgentTransactionsContract;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.registry.PanacheAgentRepository;
import dev.agentmarketplace.persistence.testing.LedgerTables;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/**
 * An agent's latest transactions on H2: the core's {@link AgentTransactionsContract}. {@link
 * SqlAgentTransactionsOnPostgresIT} reruns it on PostgreSQL.
 */
@QuarkusTest
class SqlAgentTransactionsIT extends AgentTransactionsContract {
    @Inject
    PanacheTransactionRepository transactions;

    @Inject
    PanacheAgentRepository agents;

    @Inject
    SqlAgentTransactions latest;

    @Inject
    TransactionalUnitOfWork unitOfWork;

    @Inject
    DataSource dataSource;

    @AfterEach
    void leaveNothingBehind() {
        LedgerTables.empty(dataSource);
    }

    @Override
    protected UnitOfWork unitOfWork() {
        return unitOfWork;
    }

    @Override
    protected AgentRepository agents() {
        return agents;
    }

    /** Called first by the contract's set-up. */
    @Override
    protected TransactionRepository transactions() {
        LedgerTables.empty(dataSource);
        return transactions;
    }

    @Override
    protected AgentTransactions latest() {
        return latest;
    }
}
