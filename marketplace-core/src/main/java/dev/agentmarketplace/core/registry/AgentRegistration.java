package dev.agentmarketplace.core.registry;

import java.util.Objects;
import java.util.Set;

/** A request to register an agent; the registry stamps the time. */
public record AgentRegistration(
        AgentId id, String displayName, Set<Capability> capabilities, Availability availability) {
    public AgentRegistration {
        Objects.requireNonNull(id, "id");
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
        Objects.requireNonNull(availability, "availability");
    }
}
