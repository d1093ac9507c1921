package dev.agentmarketplace.persistence.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Empties the registry, ledger, payment and dispute tables, and what the API's edges keep (idempotency
 * records, rate-limit windows, the issuer's clients) and the market rollups, and puts the journal head
 * back at genesis and the rollups' cursor at its start, for
 * tests that share one database per Quarkus profile. On PostgreSQL it truncates with triggers
 * switched off for its session ({@code session_replication_role = replica}, which needs the
 * superuser the tests connect as), since the journal's triggers refuse exactly that; on H2, which
 * has no such trigger, it deletes, children first.
 */
public final class LedgerTables {
    /** Children before parents, so the deletes on H2 never trip a foreign key. */
    private static final List<String> TABLES = List.of(
            "market_hour",
            "market_capability_hour",
            "market_fee_hour",
            "market_dirty_hour",
            "x402_payment",
            "idempotency_record",
            "rate_limit_window",
            "agent_client",
            "dispute_evidence",
            "dispute",
            "account_balance",
            "journal_queue",
            "journal_posting",
            "journal_entry",
            "ledger_transition",
            "ledger_transaction",
            "agent_metadata",
            "agent_capability",
            "agent");

    private LedgerTables() {}

    public static void empty(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            if (connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
                // CASCADE also empties tables of other features that point at agents.
                statement.execute("SET session_replication_role = replica");
                try {
                    statement.execute("TRUNCATE " + String.join(", ", TABLES) + " CASCADE");
                } finally {
                    statement.execute("SET session_replication_role = DEFAULT");
                }
            } else {
                for (String table : TABLES) {
                    statement.execute("DELETE FROM " + table);
                }
            }
            statement.execute("UPDATE journal_head SET entry_sequence = 0, hash = '" + "0".repeat(64) + "'");
            statement.execute("UPDATE market_rollup_cursor SET scanned_to = NULL, journal_sequence = 0");
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the ledger tables: " + e.getMessage(), e);
        }
    }
}
