package dev.agentmarketplace.persistence.access;

import dev.agentmarketplace.core.access.AgentClientRepository;
import dev.agentmarketplace.core.testing.AgentClientRepositoryContract;
import dev.agentmarketplace.persistence.testing.RawSql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The embedded issuer's clients on H2: the core's {@link AgentClientRepositoryContract} plus what the
 * database refuses. {@link PanacheAgentClientRepositoryOnPostgresIT} reruns it on PostgreSQL.
 */
@QuarkusTest
class PanacheAgentClientRepositoryIT extends AgentClientRepositoryContract {
    private static final String CLIENT =
            "INSERT INTO agent_client (agent_id, roles, created_by, created_at) VALUES ('py-expert', '%s', 'root',"
                    + " CURRENT_TIMESTAMP)";

    @Inject
    PanacheAgentClientRepository clients;

    @Inject
    DataSource dataSource;

    @Override
    protected AgentClientRepository clients() {
        try {
            RawSql.execute(dataSource, "DELETE FROM agent_client");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return clients;
    }

    @Test
    void databaseRefusesAClientWithoutTheAgentRole() {
        clients();
        RawSql.assertRefusedBy(dataSource, "agent_client_has_agent_role", CLIENT.formatted("OPERATOR,ADMIN"));
    }

    @Test
    void databaseRefusesAnUnknownRole() {
        clients();
        RawSql.assertRefusedBy(dataSource, "agent_client_roles_known", CLIENT.formatted("AGENT,ROOT"));
    }
}
