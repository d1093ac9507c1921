package dev.agentmarketplace.persistence.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V15 on a database that already ranks agents and counts their hires (issue 13): every ranking row
 * gets its agent's capacity, lower bound and hires of the hour before the migration, and the CHECKs
 * that hold the load columns together then refuse a row that breaks them.
 */
class SearchRankingLoadMigrationIT {
    @Test
    void rankingRowsGetTheHiresOfTheLastHourOnH2(@TempDir Path dataDir) throws SQLException {
        migrateRankedAgents("jdbc:h2:file:" + dataDir.resolve("marketplace").toAbsolutePath(), "sa", "", "h2");
    }

    @Nested
    @EnabledIfPostgresAvailable
    class OnPostgres {
        @Test
        void rankingRowsGetTheHiresOfTheLastHourOnPostgres() throws SQLException {
            PostgresTestDatabase database = new PostgresTestDatabase();
            Map<String, String> settings = database.start();
            try {
                migrateRankedAgents(
                        settings.get("quarkus.datasource.jdbc.url"),
                        settings.get("quarkus.datasource.username"),
                        settings.get("quarkus.datasource.password"),
                        "postgresql");
            } finally {
                database.stop();
            }
        }
    }

    private static void migrateRankedAgents(String url, String user, String password, String kind) throws SQLException {
        flyway(url, user, password, kind, "14").migrate();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String[] agent : new String[][] {{"busy", "4"}, {"idle", "10"}}) {
                statement.execute("INSERT INTO agent (id, display_name, owner, price_amount, price_currency,"
                        + " payout_wallet, availability, last_seen_at, capacity_per_hour, registered_at) VALUES ('"
                        + agent[0] + "', 'Agent', 'owner', 1, 'USDC', '0x209693Bc6afc0C5328bA36FaF03C514EF312287C',"
                        + " 'ONLINE', CURRENT_TIMESTAMP, " + agent[1] + ", CURRENT_TIMESTAMP)");
                statement.execute("INSERT INTO agent_capability (agent_id, capability) VALUES ('" + agent[0]
                        + "', 'python'), ('" + agent[0] + "', 'rust')");
            }
            statement.execute("INSERT INTO reputation_summary (agent_id, score, lower_bound, effective_observations,"
                    + " as_of) VALUES ('busy', 4.0, 3.5, 40, CURRENT_TIMESTAMP)");
            // Two minutes inside the hour, one outside it, and one without hires left (a cancel).
            statement.execute("INSERT INTO provider_load (provider_id, bucket_start, hires) VALUES"
                    + " ('busy', CURRENT_TIMESTAMP - INTERVAL '10' MINUTE, 2),"
                    + " ('busy', CURRENT_TIMESTAMP - INTERVAL '40' MINUTE, 1),"
                    + " ('busy', CURRENT_TIMESTAMP - INTERVAL '50' MINUTE, 0),"
                    + " ('busy', CURRENT_TIMESTAMP - INTERVAL '90' MINUTE, 5),"
                    + " ('idle', CURRENT_TIMESTAMP - INTERVAL '90' MINUTE, 7)");
            statement.execute("INSERT INTO search_ranking (capability, agent_id, score, availability, last_seen_at,"
                    + " price_currency, price_amount) SELECT c.capability, a.id, COALESCE(s.score, -1), a.availability,"
                    + " a.last_seen_at, a.price_currency, a.price_amount FROM agent a JOIN agent_capability c"
                    + " ON c.agent_id = a.id LEFT JOIN reputation_summary s ON s.agent_id = a.id");
        }

        flyway(url, user, password, kind, "latest").migrate();

        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            assertThat(rows(
                            statement,
                            "SELECT agent_id, capability, capacity_per_hour, lower_bound, recent_hires, load,"
                                    + " CASE WHEN load_oldest_minute IS NULL THEN 'none' ELSE 'set' END"
                                    + " FROM search_ranking ORDER BY agent_id, capability"))
                    .containsExactly(
                            List.of("busy", "python", 4, 3.5, 3, 0.75, "set"),
                            List.of("busy", "rust", 4, 3.5, 3, 0.75, "set"),
                            Arrays.asList("idle", "python", 10, null, 0, 0.0, "none"),
                            Arrays.asList("idle", "rust", 10, null, 0, 0.0, "none"));
            assertThat(rows(
                            statement,
                            "SELECT COUNT(*) FROM search_ranking WHERE agent_id = 'busy' AND load_oldest_minute"
                                    + " = (SELECT bucket_start FROM provider_load WHERE provider_id = 'busy'"
                                    + " AND hires = 1)"))
                    .containsExactly(List.of(2L));
            assertThatThrownBy(() ->
                            statement.execute("UPDATE search_ranking SET recent_hires = 0 WHERE agent_id = 'busy'"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT))
                            .contains("search_ranking_oldest_minute_when_hired"));
        }
    }

    private static List<List<Object>> rows(Statement statement, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(result.getObject(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static Flyway flyway(String url, String user, String password, String kind, String target) {
        return Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration", "classpath:db/vendor/" + kind)
                .target(target)
                .load();
    }
}
