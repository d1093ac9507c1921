package dev.agentmarketplace.persistence.market;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresProfile;
import dev.agentmarketplace.persistence.testing.QueryPlans;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every statement of the overview's adapters ({@link SqlMarketActivity}, {@link SqlAgentCensus}) has
 * its index on PostgreSQL: the catch-up reads ranges of the ledger, never all of it, and the page
 * reads ranges of the rollups. The statements mirror the adapters' queries.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class MarketIndexesOnPostgresIT {
    private static final String FROM = "TIMESTAMP WITH TIME ZONE '2026-11-26 08:00:00+00'";
    private static final String TO = "TIMESTAMP WITH TIME ZONE '2026-11-26 09:00:00+00'";

    @Inject
    DataSource dataSource;

    @Test
    void everyOverviewQueryHasItsIndex() throws SQLException {
        QueryPlans.assertEachUsesItsIndex(
                dataSource,
                Map.ofEntries(
                        Map.entry(
                                "SELECT t.created_at FROM ledger_transition r JOIN ledger_transaction t"
                                        + " ON t.id = r.transaction_id WHERE r.occurred_at >= " + FROM
                                        + " AND r.occurred_at <= " + TO,
                                "ledger_transition_by_time"),
                        Map.entry(
                                "SELECT currency, state, capability, COUNT(*), SUM(amount) FROM ledger_transaction"
                                        + " WHERE created_at >= " + FROM + " AND created_at < " + TO
                                        + " GROUP BY currency, state, capability",
                                "ledger_transaction_by_time"),
                        Map.entry(
                                "SELECT COUNT(*) FROM ledger_transaction WHERE created_at >= " + FROM,
                                "ledger_transaction_by_time"),
                        Map.entry(
                                "SELECT e.occurred_at, p.currency, p.amount FROM journal_posting p JOIN journal_entry e"
                                        + " ON e.entry_sequence = p.entry_sequence WHERE p.entry_sequence > 10"
                                        + " AND p.entry_sequence <= 20 AND p.account = 'platform-fees'",
                                "journal_posting_pk"),
                        Map.entry(
                                "SELECT COUNT(*), COALESCE(SUM(CASE WHEN availability = 'ONLINE' AND last_seen_at >= "
                                        + FROM + " THEN 1 ELSE 0 END), 0) FROM agent WHERE deregistered_at IS NULL",
                                "agent_by_presence"),
                        Map.entry(
                                "SELECT hour_start, currency, state, hires, amount FROM market_hour"
                                        + " WHERE hour_start >= " + FROM + " AND hour_start < " + TO,
                                "market_hour_pk"),
                        Map.entry(
                                "SELECT capability, SUM(hires) FROM market_capability_hour WHERE hour_start >= " + FROM
                                        + " AND hour_start < " + TO + " GROUP BY capability",
                                "market_capability_hour_pk"),
                        Map.entry(
                                "SELECT hour_start, currency, amount FROM market_fee_hour WHERE hour_start >= " + FROM
                                        + " AND hour_start < " + TO,
                                "market_fee_hour_pk")));
    }
}
