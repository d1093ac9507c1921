package dev.agentmarketplace.persistence.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The migrations as the application runs them: the {@link Flyway} that Quarkus configured (locations
 * with the vendor folder, validate-on-migrate, which migrations it may ignore), pointed at a scratch
 * database of its own. From empty to the latest version on H2 here and on PostgreSQL in {@link
 * LedgerSchemaMigrationOnPostgresIT}; and a schema from a newer build stops it, as it stops the
 * application's start.
 */
@QuarkusTest
class LedgerSchemaMigrationIT {
    private static final List<String> LEDGER_TABLES = List.of(
            "ledger_transaction",
            "ledger_transition",
            "journal_entry",
            "journal_posting",
            "journal_head",
            "dispute",
            "dispute_evidence");

    @Inject
    Flyway applicationFlyway;

    private Scratch scratch;
    private Flyway flyway;

    /** An empty database, and how to throw it away. */
    protected record Scratch(String url, String user, String password, Runnable drop) {}

    protected Scratch createScratchDatabase() {
        String url = "jdbc:h2:mem:scratch-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        return new Scratch(url, "sa", "", () -> execute(url, "sa", "", "SHUTDOWN"));
    }

    /** Every version 3.x and 4.x (the ledger and disputes) applied on this database: no PostgreSQL-only 3.1 on H2. */
    protected List<String> ledgerVersions() {
        return List.of("3", "4");
    }

    @BeforeEach
    void scratchDatabase() {
        scratch = createScratchDatabase();
        flyway = Flyway.configure(applicationFlyway.getConfiguration().getClassLoader())
                .configuration(applicationFlyway.getConfiguration())
                .dataSource(scratch.url(), scratch.user(), scratch.password())
                .load();
    }

    @AfterEach
    void dropScratchDatabase() {
        scratch.drop().run();
    }

    @Test
    void emptyDatabaseMigratesToTheLatestVersion() throws SQLException {
        flyway.migrate();

        MigrationInfo[] known = flyway.info().all();
        MigrationVersion latest = Arrays.stream(known)
                .map(MigrationInfo::getVersion)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().current().getVersion()).isEqualTo(latest);
        List<String> applied = Arrays.stream(flyway.info().applied())
                .filter(MigrationInfo::isVersioned)
                .map(info -> info.getVersion().getVersion())
                .toList();
        assertThat(applied)
                .filteredOn(version -> version.matches("[34](\\.\\d+)*"))
                .containsExactlyElementsOf(ledgerVersions());
        for (String table : LEDGER_TABLES) {
            assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE 1 = 0"))
                    .as(table)
                    .isZero();
        }
        assertThat(count("SELECT COUNT(*) FROM journal_head WHERE entry_sequence = 0"))
                .isEqualTo(1);
    }

    @Test
    void schemaMigratedByANewerBuildIsRefused() throws SQLException {
        flyway.migrate();
        execute(
                scratch.url(),
                scratch.user(),
                scratch.password(),
                "INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\","
                        + " \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                        + " VALUES (999, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 0, 'test', 0,"
                        + " TRUE)");

        // migrate() is what the application runs at start, validating first (validate-on-migrate).
        assertThatThrownBy(flyway::migrate)
                .isInstanceOf(FlywayValidateException.class)
                .satisfies(
                        e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains("999"));
        assertThatThrownBy(flyway::validate).isInstanceOf(FlywayValidateException.class);
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(scratch.url(), scratch.user(), scratch.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on " + url + ": " + e.getMessage(), e);
        }
    }
}
