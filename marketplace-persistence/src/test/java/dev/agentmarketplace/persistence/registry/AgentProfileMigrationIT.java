package dev.agentmarketplace.persistence.registry;

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
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V2 on a registry that already holds agents from V1 (a local data directory, a running
 * deployment): they get placeholders and are deregistered, so nobody pays a placeholder wallet.
 */
class AgentProfileMigrationIT {

    /** A file database, as in the embedded run's data directory: closed between the two versions. */
    @Test
    void agentsRegisteredBeforeTheProfileAreKeptAndDeregisteredOnH2(@TempDir Path dataDir) throws SQLException {
        migrateALegacyRegistry("jdbc:h2:file:" + dataDir.resolve("marketplace").toAbsolutePath(), "sa", "");
    }

    @Nested
    @EnabledIfPostgresAvailable
    class OnPostgres {
        @Test
        void agentsRegisteredBeforeTheProfileAreKeptAndDeregisteredOnPostgres() throws SQLException {
            PostgresTestDatabase database = new PostgresTestDatabase();
            Map<String, String> settings = database.start();
            try {
                migrateALegacyRegistry(
                        settings.get("quarkus.datasource.jdbc.url"),
                        settings.get("quarkus.datasource.username"),
                        settings.get("quarkus.datasource.password"));
            } finally {
                database.stop();
            }
        }
    }

    private static void migrateALegacyRegistry(String url, String user, String password) throws SQLException {
        flyway(url, user, password, "1").migrate();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "INSERT INTO agent (id, display_name, availability, registered_at)"
                            + " VALUES ('old-timer', 'Old Timer', 'ONLINE', TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:00+00')");
            statement.execute("INSERT INTO agent_capability (agent_id, capability) VALUES ('old-timer', 'python')");
        }

        flyway(url, user, password, "latest").migrate();

        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT owner, price_amount, price_currency, payout_wallet,"
                        + " capacity_per_hour, last_seen_at, registered_at, deregistered_at FROM agent"
                        + " WHERE id = 'old-timer'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString("owner")).isEqualTo("old-timer");
            assertThat(row.getBigDecimal("price_amount")).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(row.getString("price_currency")).isEqualTo("USDC");
            assertThat(row.getString("payout_wallet")).isEqualTo("0x0000000000000000000000000000000000000000");
            assertThat(row.getInt("capacity_per_hour")).isEqualTo(1);
            assertThat(row.getTimestamp("last_seen_at")).isEqualTo(row.getTimestamp("registered_at"));
            assertThat(row.getTimestamp("deregistered_at")).isNotNull();
        }
    }

    private static Flyway flyway(String url, String user, String password, String target) {
        return Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .target(target)
                .load();
    }
}
