package dev.agentmarketplace.persistence.discovery;

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
 * Issue 13's statements read through their indexes: with sequential scans priced out, PostgreSQL's
 * plan for each names the index meant for it. The statements mirror {@link SqlAgentSearch} (a LOAD
 * page from a cursor, recommend's lean walk) and {@link ProviderLoadCounters} (the sweep, a recount).
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class DiscoveryIndexesOnPostgresIT {
    private static final String CUTOFF = "TIMESTAMP WITH TIME ZONE '2026-12-03 08:00:00+00'";
    private static final String FILTERS = " r.capability = 'python' AND r.deregistered_at IS NULL"
            + " AND r.last_seen_at >= " + CUTOFF + " AND r.availability IN ('BUSY', 'ONLINE')";

    @Inject
    DataSource dataSource;

    @Test
    void loadPagesTheSweepAndLeanCandidatesWalkTheirIndexes() throws SQLException {
        QueryPlans.assertEachUsesItsIndex(
                dataSource,
                Map.of(
                        // A LOAD page after its cursor: the capability's range, in (load, agent_id) order.
                        "SELECT r.agent_id FROM search_ranking r JOIN agent a ON a.id = r.agent_id"
                                + " LEFT JOIN reputation_summary s ON s.agent_id = a.id WHERE" + FILTERS
                                + " AND r.load >= 0.1 AND (r.load > 0.1 OR (r.load = 0.1 AND r.agent_id > 'a'))"
                                + " ORDER BY r.load, r.agent_id FETCH FIRST 21 ROWS ONLY",
                        "search_ranking_by_load",
                        // The sweep: the rows longest outgrown first, stopping at its step.
                        "SELECT r.agent_id FROM search_ranking r WHERE r.load_oldest_minute < " + CUTOFF
                                + " ORDER BY r.load_oldest_minute FETCH FIRST 500 ROWS ONLY",
                        "search_ranking_by_oldest_minute",
                        // Recommend's candidates: the ranking rows alone, by score.
                        "SELECT r.agent_id, r.price_amount, r.lower_bound, r.recent_hires FROM search_ranking r WHERE"
                                + FILTERS + " AND r.price_currency = 'USDC' AND r.score > 3 AND r.score >= 0"
                                + " ORDER BY r.score DESC, r.agent_id FETCH FIRST 200 ROWS ONLY",
                        "search_ranking_by_score",
                        // A hire's recount: its ranking rows by agent, its minutes by primary key.
                        "UPDATE search_ranking SET recent_hires = (SELECT COALESCE(SUM(p.hires), 0) FROM provider_load p"
                                + " WHERE p.provider_id = 'a' AND p.bucket_start >= " + CUTOFF
                                + ") WHERE agent_id = 'a'",
                        "provider_load_pk"));
    }
}
