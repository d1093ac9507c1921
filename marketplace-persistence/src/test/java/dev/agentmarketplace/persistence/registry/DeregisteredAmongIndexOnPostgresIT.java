package dev.agentmarketplace.persistence.registry;

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
 * The list pages mark their deregistered parties (issue 12) with one read on the agents' primary
 * key, never a scan of every agent. The statement mirrors {@link PanacheAgentRepository#deregisteredAmong}.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class DeregisteredAmongIndexOnPostgresIT {
    @Inject
    DataSource dataSource;

    @Test
    void deregisteredAmongReadsThePrimaryKey() throws SQLException {
        QueryPlans.assertEachUsesItsIndex(
                dataSource,
                Map.of(
                        "SELECT a.id FROM agent a WHERE a.id IN ('payer-1', 'provider-1', 'provider-2')"
                                + " AND a.deregistered_at IS NOT NULL",
                        "agent_pk"));
    }
}
