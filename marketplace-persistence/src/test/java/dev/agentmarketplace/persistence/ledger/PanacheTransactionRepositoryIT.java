package dev.agentmarketplace.persistence.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.testing.TransactionRepositoryContract;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.registry.PanacheAgentRepository;
import dev.agentmarketplace.persistence.testing.LedgerTables;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transaction port on H2: the core's {@link TransactionRepositoryContract}, plus the checks the
 * database adds. {@link PanacheTransactionRepositoryOnPostgresIT} reruns it all on PostgreSQL.
 */
@QuarkusTest
class PanacheTransactionRepositoryIT extends TransactionRepositoryContract {
    private static final String VALID_ROW_COLUMNS =
            "id, payer_id, provider_id, capability, amount, currency, context, idempotency_key, state, created_at";

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

    @Test
    void databaseRefusesAnAmountThatIsNotPositive() {
        assertRefusedBy("ledger_transaction_amount_positive", validRowWith("amount", "0"));
    }

    @Test
    void databaseRefusesAStateTheDomainDoesNotKnow() {
        assertRefusedBy("ledger_transaction_state_known", validRowWith("state", "'LOST'"));
    }

    @Test
    void databaseRefusesAPayerThatIsNotAnAgent() {
        assertRefusedBy("ledger_transaction_payer_fk", validRowWith("payer_id", "'nobody'"));
    }

    @Test
    void databaseRefusesASecondUseOfAPayersIdempotencyKey() throws SQLException {
        execute(validRowWith("id", "'00000000-0000-4000-8000-000000000001'"));

        assertRefusedBy(
                "ledger_transaction_payer_key_unique", validRowWith("id", "'00000000-0000-4000-8000-000000000002'"));
    }

    /** An INSERT of a row every check accepts, except for the one column replaced. */
    private static String validRowWith(String column, String value) {
        String[] columns = VALID_ROW_COLUMNS.split(",\\s*");
        String[] values = {
            "'00000000-0000-4000-8000-000000000009'",
            "'alice'",
            "'bob'",
            "'python'",
            "1.5",
            "'USDC'",
            "''",
            "'raw-key-0000000000'",
            "'PENDING'",
            "CURRENT_TIMESTAMP"
        };
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].equals(column)) {
                values[i] = value;
            }
        }
        return "INSERT INTO ledger_transaction (" + VALID_ROW_COLUMNS + ") VALUES (" + String.join(", ", values) + ")";
    }

    private void assertRefusedBy(String constraint, String insert) {
        assertThatThrownBy(() -> execute(insert))
                .isInstanceOf(SQLException.class)
                .satisfies(
                        e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains(constraint));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
