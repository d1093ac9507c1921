package dev.agentmarketplace.persistence.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/** PostgreSQL's plans for the adapters' statements, to show each has the index meant for it. */
public final class QueryPlans {
    private QueryPlans() {}

    /**
     * Asserts that the plan of each statement names its index, with sequential scans priced out so
     * that a small test table does not hide a missing index.
     */
    public static void assertEachUsesItsIndex(DataSource dataSource, Map<String, String> expectedIndexByStatement)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off");
            try {
                expectedIndexByStatement.forEach((query, index) ->
                        assertThat(plan(statement, query)).as(query).contains(index));
            } finally {
                statement.execute("RESET enable_seqscan");
            }
        }
    }

    private static String plan(Statement statement, String query) {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        } catch (SQLException e) {
            throw new IllegalStateException("EXPLAIN " + query + " failed: " + e.getMessage(), e);
        }
        return plan.toString();
    }
}
