package dev.agentmarketplace.persistence.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V12 on a database whose agents were rated before it: each rated agent's series of reputation
 * points starts with its summary, the upper bound mirrored from the lower one and clipped at 5.
 */
class ReputationPointMigrationIT {
    @Test
    void ratedAgentsStartTheirSeriesWithTheirSummaryOnH2(@TempDir Path dataDir) throws SQLException {
        migrateRatedAgents("jdbc:h2:file:" + dataDir.resolve("marketplace").toAbsolutePath(), "sa", "", "h2");
    }

    @Nested
    @EnabledIfPostgresAvailable
    class OnPostgres {
        @Test
        void ratedAgentsStartTheirSeriesWithTheirSummaryOnPostgres() throws SQLException {
            PostgresTestDatabase database = new PostgresTestDatabase();
            Map<String, String> settings = database.start();
            try {
                migrateRatedAgents(
                        settings.get("quarkus.datasource.jdbc.url"),
                        settings.get("quarkus.datasource.username"),
                        settings.get("quarkus.datasource.password"),
                        "postgresql");
            } finally {
                database.stop();
            }
        }
    }

    private static void migrateRatedAgents(String url, String user, String password, String kind) throws SQLException {
        flyway(url, user, password, kind, "9").migrate();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String id : List.of("steady", "new", "unrated")) {
                statement.execute("INSERT INTO agent (id, display_name, owner, price_amount, price_currency,"
                        + " payout_wallet, availability, last_seen_at, capacity_per_hour, registered_at) VALUES ('"
                        + id + "', 'Agent', 'owner', 1, 'USDC', '0x209693Bc6afc0C5328bA36FaF03C514EF312287C',"
                        + " 'ONLINE', CURRENT_TIMESTAMP, 10, CURRENT_TIMESTAMP)");
            }
            statement.execute("INSERT INTO reputation_summary (agent_id, score, lower_bound, effective_observations,"
                    + " as_of) VALUES ('steady', 4.0, 3.5, 40, CURRENT_TIMESTAMP),"
                    + " ('new', 3.0, 0.0, 0, CURRENT_TIMESTAMP)");
        }

        flyway(url, user, password, kind, "latest").migrate();

        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT agent_id, score, low_bound, high_bound" + " FROM reputation_point ORDER BY agent_id")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("agent_id")).isEqualTo("new");
            assertThat(rows.getDouble("high_bound")).isCloseTo(5.0, within(1e-9));
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("agent_id")).isEqualTo("steady");
            assertThat(rows.getDouble("score")).isCloseTo(4.0, within(1e-9));
            assertThat(rows.getDouble("low_bound")).isCloseTo(3.5, within(1e-9));
            assertThat(rows.getDouble("high_bound")).isCloseTo(4.5, within(1e-9));
            assertThat(rows.next()).as("an unrated agent has no point").isFalse();
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
