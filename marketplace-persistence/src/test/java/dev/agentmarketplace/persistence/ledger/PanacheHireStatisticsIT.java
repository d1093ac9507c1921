package dev.agentmarketplace.persistence.ledger;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.HireStatistics;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.testing.HireStatisticsContract;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.registry.PanacheAgentRepository;
import dev.agentmarketplace.persistence.testing.LedgerTables;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/** The core's {@link HireStatisticsContract} on H2, as aggregate queries; {@link PanacheHireStatisticsOnPostgresIT} on PostgreSQL. */
@QuarkusTest
class PanacheHireStatisticsIT extends HireStatisticsContract {
    @Inject
    PanacheHireStatistics statistics;

    @Inject
    PanacheTransactionRepository transactions;

    @Inject
    PanacheAgentRepository agents;

    @Inject
    TransactionalUnitOfWork unitOfWork;

    @Inject
    DataSource dataSource;

    /** Each test gets an empty database on first use; the contract's own setup is the first user. */
    private boolean emptied;

    private void fresh() {
        if (!emptied) {
            LedgerTables.empty(dataSource);
            emptied = true;
        }
    }

    @AfterEach
    void leaveNothingBehind() {
        LedgerTables.empty(dataSource);
    }

    @Override
    protected UnitOfWork unitOfWork() {
        fresh();
        return unitOfWork;
    }

    @Override
    protected AgentRepository agents() {
        fresh();
        return agents;
    }

    @Override
    protected TransactionRepository transactions() {
        fresh();
        return transactions;
    }

    @Override
    protected HireStatistics statistics() {
        fresh();
        return statistics;
    }
}
