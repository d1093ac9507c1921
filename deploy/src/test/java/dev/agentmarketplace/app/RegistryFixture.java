package dev.agentmarketplace.app;

import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistration;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.Metadata;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.persistence.testing.LedgerTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Puts the registry into a known state through the same core service the application uses. */
@ApplicationScoped
public class RegistryFixture {
    public static final WalletAddress WALLET = WalletAddress.of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    public static final Money PRICE = Money.of("1.50", "USDC");
    public static final int CAPACITY = 10;

    @Inject
    AgentRegistry registry;

    @Inject
    AgentRepository agents;

    @Inject
    DataSource dataSource;

    /** Empties the registry and everything that refers to its agents (ledger, disputes, reputation). */
    public void clear() {
        LedgerTables.empty(dataSource);
    }

    public Agent register(String id, String displayName, Availability availability, String... capabilities) {
        return register(id, displayName, availability, PRICE, CAPACITY, Map.of(), capabilities);
    }

    public Agent register(
            String id,
            String displayName,
            Availability availability,
            Money price,
            int capacityPerHour,
            Map<String, String> metadata,
            String... capabilities) {
        return registry.register(new AgentRegistration(
                AgentId.of(id),
                displayName,
                "owner-of-" + id,
                Arrays.stream(capabilities).map(Capability::of).collect(Collectors.toSet()),
                price,
                WALLET,
                availability,
                capacityPerHour,
                Metadata.of(metadata)));
    }

    /**
     * Moves the agent's last heartbeat back past the lease, as if it had gone silent. Written
     * through the repository port because the registry only ever stamps the clock's time.
     */
    public void lapseHeartbeat(String id) {
        Agent agent = registry.get(AgentId.of(id));
        Duration past = registry.settings().heartbeatLease().plusMinutes(1);
        agents.update(
                agent.toBuilder().lastSeenAt(agent.lastSeenAt().minus(past)).build());
    }

    public Agent deregister(String id) {
        return registry.deregister(AgentId.of(id));
    }
}
