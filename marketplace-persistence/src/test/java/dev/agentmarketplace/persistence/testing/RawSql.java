package dev.agentmarketplace.persistence.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Plain SQL past every adapter, for tests that show what the database itself refuses: a write the
 * code would never make must still bounce off a constraint.
 */
public final class RawSql {
    private RawSql() {}

    public static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** {@code sql} fails, and the database names {@code constraint} (in any case) as the reason. */
    public static void assertRefusedBy(DataSource dataSource, String constraint, String sql) {
        assertThatThrownBy(() -> execute(dataSource, sql))
                .isInstanceOf(SQLException.class)
                .satisfies(
                        e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains(constraint));
    }
}
