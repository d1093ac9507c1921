package dev.agentmarketplace.persistence.discovery;

import dev.agentmarketplace.core.discovery.SelectionStateStore;
import dev.agentmarketplace.persistence.Sql;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.hibernate.Session;

/**
 * {@link SelectionStateStore} on the {@code selection_cursor} table. Each increment commits in a
 * transaction of its own, as a sequence would: the port says a failed unit of work keeps its turn
 * taken, and a short transaction holds the row lock for as little time as possible.
 */
@ApplicationScoped
public class DatabaseSelectionStateStore implements SelectionStateStore {
    /** One statement: the insert, or the increment of the row it collides with, under the row's lock. */
    private static final String POSTGRES_NEXT = "INSERT INTO selection_cursor (cursor_key, cursor_value) VALUES (?, 1)"
            + " ON CONFLICT (cursor_key) DO UPDATE SET cursor_value = selection_cursor.cursor_value + 1"
            + " RETURNING cursor_value";

    /** H2 has no upsert that returns the row: the UPDATE locks the row, and the SELECT reads it under that lock. */
    private static final String INCREMENT =
            "UPDATE selection_cursor SET cursor_value = cursor_value + 1 WHERE cursor_key = ?";

    private static final String READ = "SELECT cursor_value FROM selection_cursor WHERE cursor_key = ?";
    private static final String CREATE = "INSERT INTO selection_cursor (cursor_key, cursor_value) VALUES (?, 1)";

    /** Enough for every caller that raced to create the same counter; only creation can collide. */
    private static final int ATTEMPTS = 5;

    @Override
    public long next(String key) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew()
                        .call(() -> Panache.getEntityManager()
                                .unwrap(Session.class)
                                .doReturningWork(connection -> next(connection, key)));
            } catch (RuntimeException e) {
                // Two first calls on H2 both found no row and both inserted; the loser retries and
                // now finds the winner's row to increment.
                if (attempt == ATTEMPTS || !Sql.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private static long next(Connection connection, String key) throws SQLException {
        if (Sql.isPostgres(connection)) {
            return single(connection, POSTGRES_NEXT, key);
        }
        try (PreparedStatement increment = connection.prepareStatement(INCREMENT)) {
            increment.setString(1, key);
            if (increment.executeUpdate() == 1) {
                return single(connection, READ, key);
            }
        }
        try (PreparedStatement create = connection.prepareStatement(CREATE)) {
            create.setString(1, key);
            create.executeUpdate();
            return 1;
        }
    }

    private static long single(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
