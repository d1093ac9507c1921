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
 * The agents' pages (issue 12) read through indexes, never a scan of every agent or event: with
 * sequential scans priced out, PostgreSQL's plan for each statement names the index meant for it.
 * The statements mirror {@link SqlAgentCatalog} and the reputation points' read.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class AgentsPagesIndexesOnPostgresIT {
    private static final String CUTOFF = "TIMESTAMP WITH TIME ZONE '2026-12-03 08:00:00+00'";

    @Inject
    DataSource dataSource;

    @Test
    void listingAndTrendWalkTheirIndexesInOrder() throws SQLException {
        QueryPlans.assertEachUsesItsIndex(
                dataSource,
                Map.of(
                        // A capability: its range of the ranking rows, already in id order.
                        "SELECT r.agent_id AS id FROM search_ranking r WHERE r.capability = 'python'"
                                + " AND r.agent_id > 'a' AND ((r.deregistered_at IS NOT NULL) OR"
                                + " (r.deregistered_at IS NULL AND r.last_seen_at >= " + CUTOFF
                                + " AND r.availability = 'ONLINE')) AND r.price_currency = 'USDC'"
                                + " AND r.price_amount <= 2 AND (r.score >= 2.5 OR r.score = -1)"
                                + " ORDER BY r.agent_id FETCH FIRST 51 ROWS ONLY",
                        "search_ranking_pk",
                        // No capability: the agents by primary key.
                        "SELECT a.id FROM agent a LEFT JOIN reputation_summary s ON s.agent_id = a.id WHERE 1 = 1"
                                + " AND a.id > 'a' AND (s.score >= 4 OR s.agent_id IS NULL)"
                                + " ORDER BY a.id FETCH FIRST 51 ROWS ONLY",
                        "agent_pk",
                        "SELECT occurred_at, score, low_bound, high_bound FROM reputation_point"
                                + " WHERE agent_id = 'a' ORDER BY id DESC FETCH FIRST 60 ROWS ONLY",
                        "reputation_point_by_agent"));
    }
}
