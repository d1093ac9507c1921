package dev.agentmarketplace.core.registry;

import dev.agentmarketplace.core.money.Money;
import java.util.Objects;
import java.util.Set;

/** A request to register an agent; the registry stamps the times. */
public record AgentRegistration(
        AgentId id,
        String displayName,
        String owner,
        Set<Capability> capabilities,
        Money price,
        WalletAddress payoutWallet,
        Availability availability,
        int capacityPerHour,
        Metadata metadata) {
    public AgentRegistration {
        Objects.requireNonNull(id, "id");
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
        Objects.requireNonNull(availability, "availability");
        metadata = metadata == null ? Metadata.EMPTY : metadata;
    }
}
