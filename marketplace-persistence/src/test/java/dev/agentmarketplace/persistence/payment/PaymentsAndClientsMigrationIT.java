package dev.agentmarketplace.persistence.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresTestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V14 on a database that already holds a journal and clients: the balances rollup starts as the sum
 * of every posting so far, and existing clients stay enabled.
 */
class PaymentsAndClientsMigrationIT {
    private static final String HIRE = "'00000000-0000-4000-8000-000000000001'";

    @Test
    void existingJournalAndClientsAreCarriedOverOnH2(@TempDir Path dataDir) throws SQLException {
        migrate("jdbc:h2:file:" + dataDir.resolve("marketplace").toAbsolutePath(), "sa", "", "h2");
    }

    @Nested
    @EnabledIfPostgresAvailable
    class OnPostgres {
        @Test
        void existingJournalAndClientsAreCarriedOverOnPostgres() throws SQLException {
            PostgresTestDatabase database = new PostgresTestDatabase();
            Map<String, String> settings = database.start();
            try {
                migrate(
                        settings.get("quarkus.datasource.jdbc.url"),
                        settings.get("quarkus.datasource.username"),
                        settings.get("quarkus.datasource.password"),
                        "postgresql");
            } finally {
                database.stop();
            }
        }
    }

    private static void migrate(String url, String user, String password, String kind) throws SQLException {
        // The last version before V14 on every branch: V10 to V13 (other areas) run on top of the data too.
        flyway(url, user, password, kind, "9").migrate();
        execute(
                url,
                user,
                password,
                List.of(
                        "INSERT INTO agent (id, display_name, owner, price_amount, price_currency, payout_wallet,"
                                + " availability, last_seen_at, capacity_per_hour, registered_at) VALUES"
                                + " ('alice', 'Alice', 'alice', 1, 'USDC', '0x209693Bc6afc0C5328bA36FaF03C514EF312287C',"
                                + " 'ONLINE', CURRENT_TIMESTAMP, 10, CURRENT_TIMESTAMP),"
                                + " ('bob', 'Bob', 'bob', 1, 'USDC', '0x209693Bc6afc0C5328bA36FaF03C514EF312287C',"
                                + " 'ONLINE', CURRENT_TIMESTAMP, 10, CURRENT_TIMESTAMP)",
                        "INSERT INTO ledger_transaction (id, payer_id, provider_id, capability, amount, currency, context,"
                                + " idempotency_key, state, created_at) VALUES (" + HIRE
                                + ", 'alice', 'bob', 'python', 2,"
                                + " 'USDC', '', 'hired-before-v14-001', 'SETTLED', CURRENT_TIMESTAMP)",
                        entry(1, "HOLD"),
                        entry(2, "SETTLE"),
                        "INSERT INTO journal_posting (entry_sequence, account, currency, amount) VALUES"
                                + " (1, 'agent:alice', 'USDC', -2), (1, 'escrow', 'USDC', 2),"
                                + " (2, 'escrow', 'USDC', -2), (2, 'agent:bob', 'USDC', 1.95),"
                                + " (2, 'platform-fees', 'USDC', 0.05)",
                        "INSERT INTO agent_client (agent_id, roles, created_by, created_at) VALUES"
                                + " ('alice', 'AGENT', 'root', CURRENT_TIMESTAMP)"));

        flyway(url, user, password, kind, "latest").migrate();

        assertThat(rows(url, user, password, "SELECT account, currency, balance FROM account_balance ORDER BY account"))
                .containsExactly(
                        List.of("agent:alice", "USDC", new BigDecimal("-2")),
                        List.of("agent:bob", "USDC", new BigDecimal("1.95")),
                        List.of("escrow", "USDC", BigDecimal.ZERO),
                        List.of("platform-fees", "USDC", new BigDecimal("0.05")));
        List<Object> nothing = new ArrayList<>();
        nothing.add(null);
        nothing.add(null);
        nothing.add(null);
        assertThat(rows(url, user, password, "SELECT disabled_by, disabled_at, tokens_issued_from FROM agent_client"))
                .containsExactly(nothing);
    }

    private static String entry(int sequence, String kind) {
        return "INSERT INTO journal_entry (entry_sequence, id, transaction_id, kind, occurred_at, previous_hash, hash)"
                + " VALUES (" + sequence + ", '00000000-0000-4000-8000-00000000010" + sequence + "', " + HIRE + ", '"
                + kind + "', CURRENT_TIMESTAMP, '"
                + String.valueOf(sequence - 1).repeat(64) + "', '"
                + String.valueOf(sequence).repeat(64) + "')";
    }

    /** Each row's columns, numbers without trailing zeros. */
    private static List<List<Object>> rows(String url, String user, String password, String query) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    Object value = result.getObject(column);
                    if (value instanceof BigDecimal number) {
                        value = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
                    }
                    row.add(value);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static void execute(String url, String user, String password, List<String> statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static Flyway flyway(String url, String user, String password, String kind, String target) {
        return Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration", "classpath:db/vendor/" + kind)
                .target(target)
                .load();
    }
}
