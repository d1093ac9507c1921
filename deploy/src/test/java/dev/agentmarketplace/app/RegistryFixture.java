package dev.agentmarketplace.app;

import dev.agentmarketplace.core.registry.AgentCatalog;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistration;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Puts the registry into a known state through the same core service the application uses. */
@ApplicationScoped
public class RegistryFixture {
    @Inject
    AgentCatalog catalog;

    @Inject
    DataSource dataSource;

    public void clear() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM agent");
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the registry", e);
        }
    }

    public void register(String id, String displayName, Availability availability, String... capabilities) {
        catalog.register(new AgentRegistration(
                AgentId.of(id),
                displayName,
                Arrays.stream(capabilities).map(Capability::of).collect(Collectors.toSet()),
                availability));
    }
}
