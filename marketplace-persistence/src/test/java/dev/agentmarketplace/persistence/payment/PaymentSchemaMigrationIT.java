package dev.agentmarketplace.persistence.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V9 on a database that already holds hires from V8 (a local data directory, a running deployment):
 * the payment table arrives empty with every named constraint, and an existing hire can be paid.
 */
class PaymentSchemaMigrationIT {
    /** Every constraint V9 names; the database-refusal tests rely on these names. */
    private static final List<String> CONSTRAINTS = List.of(
            "x402_payment_pk",
            "x402_payment_transaction_fk",
            "x402_payment_authorization_unique",
            "x402_payment_payer_identifier_unique",
            "x402_payment_payer_agent_format",
            "x402_payment_hire_key_format",
            "x402_payment_identifier_format",
            "x402_payment_fingerprint_is_sha256",
            "x402_payment_version_known",
            "x402_payment_payer_wallet_format",
            "x402_payment_pay_to_format",
            "x402_payment_asset_format",
            "x402_payment_amount_positive",
            "x402_payment_nonce_format",
            "x402_payment_state_known",
            "x402_payment_attempts_not_negative",
            "x402_payment_lease_while_sending",
            "x402_payment_transaction_when_settled",
            "x402_payment_failure_when_failed",
            "x402_payment_unknown_keeps_its_error");

    private static final String HIRE = "'00000000-0000-4000-8000-000000000001'";

    /** A file database, as in the embedded run's data directory: closed between the two versions. */
    @Test
    void hiresRecordedBeforePaymentsCanBePaidOnH2(@TempDir Path dataDir) throws SQLException {
        migrateLedgerWithHires("jdbc:h2:file:" + dataDir.resolve("marketplace").toAbsolutePath(), "sa", "", "h2");
    }

    @Nested
    @EnabledIfPostgresAvailable
    class OnPostgres {
        @Test
        void hiresRecordedBeforePaymentsCanBePaidOnPostgres() throws SQLException {
            PostgresTestDatabase database = new PostgresTestDatabase();
            Map<String, String> settings = database.start();
            try {
                migrateLedgerWithHires(
                        settings.get("quarkus.datasource.jdbc.url"),
                        settings.get("quarkus.datasource.username"),
                        settings.get("quarkus.datasource.password"),
                        "postgresql");
            } finally {
                database.stop();
            }
        }
    }

    private static void migrateLedgerWithHires(String url, String user, String password, String kind)
            throws SQLException {
        flyway(url, user, password, kind, "8").migrate();
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
                                + ", 'alice', 'bob', 'python', 1,"
                                + " 'USDC', '', 'hired-before-v9-0001', 'PENDING', CURRENT_TIMESTAMP)"));

        Flyway latest = flyway(url, user, password, kind, "latest");
        latest.migrate();

        assertThat(latest.info().pending()).isEmpty();
        assertThat(Arrays.stream(latest.info().applied()).map(MigrationInfo::getVersion))
                .contains(MigrationVersion.fromVersion("9"));
        execute(
                url,
                user,
                password,
                List.of("INSERT INTO x402_payment (transaction_id, payer_agent_id, hire_key, fingerprint, x402_version,"
                        + " payer_wallet, pay_to, amount, network, asset, nonce, valid_before, settlement_request,"
                        + " state, attempts, next_attempt_at, created_at, updated_at) VALUES (" + HIRE
                        + ", 'alice', 'hired-before-v9-0001', '" + "a".repeat(64) + "', 2, '0x" + "a1".repeat(20)
                        + "', '0x209693Bc6afc0C5328bA36FaF03C514EF312287C', 2500000, 'eip155:84532',"
                        + " '0x036CbD53842c5426634e7929541eC2318f3dCF7e', '0x" + "0".repeat(63) + "1',"
                        + " CURRENT_TIMESTAMP, '{}', 'PENDING', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,"
                        + " CURRENT_TIMESTAMP)"));
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            assertThat(constraintsOfThePaymentTable(connection)).containsExactlyInAnyOrderElementsOf(CONSTRAINTS);
            try (Statement statement = connection.createStatement();
                    ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM x402_payment")) {
                assertThat(count.next()).isTrue();
                assertThat(count.getLong(1)).isEqualTo(1);
            }
        }
    }

    /** The named constraints of {@code x402_payment}, lower-cased (H2 keeps unquoted names upper-case). */
    private static List<String> constraintsOfThePaymentTable(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT constraint_name FROM information_schema.table_constraints"
                                + " WHERE LOWER(table_name) = 'x402_payment'"
                                + " AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY', 'CHECK')")) {
            while (rows.next()) {
                String name = rows.getString(1).toLowerCase(Locale.ROOT);
                // PostgreSQL lists each NOT NULL as a CHECK with a generated name.
                if (!name.endsWith("_not_null")) {
                    names.add(name);
                }
            }
        }
        return names;
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
