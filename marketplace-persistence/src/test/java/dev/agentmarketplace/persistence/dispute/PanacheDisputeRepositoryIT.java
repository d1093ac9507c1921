package dev.agentmarketplace.persistence.dispute;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.dispute.DisputeRepository;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.testing.DisputeRepositoryContract;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.ledger.PanacheTransactionRepository;
import dev.agentmarketplace.persistence.registry.PanacheAgentRepository;
import dev.agentmarketplace.persistence.testing.LedgerTables;
import dev.agentmarketplace.persistence.testing.RawSql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispute port on H2: the core's {@link DisputeRepositoryContract}, plus the checks the database
 * adds. {@link PanacheDisputeRepositoryOnPostgresIT} reruns it all on PostgreSQL.
 */
@QuarkusTest
class PanacheDisputeRepositoryIT extends DisputeRepositoryContract {
    private static final String DISPUTE =
            "INSERT INTO dispute (id, transaction_id, payer_id, provider_id, opened_by, reason, opened_at, deadline, status)"
                    + " VALUES ('00000000-0000-4000-9000-000000000001', '00000000-0000-4000-8000-000000000001',"
                    + " 'alice', 'bob', 'alice', 'late', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'OPEN')";

    @Inject
    PanacheDisputeRepository disputes;

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
    protected DisputeRepository disputes() {
        fresh();
        return disputes;
    }

    @Test
    void databaseRefusesAChecksumThatIsNotSha256() throws SQLException {
        RawSql.execute(dataSource, DISPUTE);

        RawSql.assertRefusedBy(
                dataSource,
                "dispute_evidence_checksum_is_sha256",
                "INSERT INTO dispute_evidence (dispute_id, item_no, kind, content, submitted_by, submitted_at)"
                        + " VALUES ('00000000-0000-4000-9000-000000000001', 0, 'CHECKSUM', 'abc', 'alice',"
                        + " CURRENT_TIMESTAMP)");
    }

    @Test
    void databaseRefusesAResolvedDisputeWithoutAResolution() {
        RawSql.assertRefusedBy(dataSource, "dispute_resolution_when_resolved", DISPUTE.replace("'OPEN'", "'RESOLVED'"));
    }

    @Test
    void databaseRefusesADisputeOpenedByAStranger() {
        RawSql.assertRefusedBy(
                dataSource,
                "dispute_opened_by_a_party",
                DISPUTE.replace("'bob', 'alice', 'late'", "'bob', 'carol', 'late'"));
    }
}
