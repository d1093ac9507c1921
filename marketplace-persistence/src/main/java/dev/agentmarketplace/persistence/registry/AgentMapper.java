package dev.agentmarketplace.persistence.registry;

import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import java.util.LinkedHashSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Explicit mapping between the core's {@link Agent} and its row, so no entity leaves this module. */
final class AgentMapper {
    private AgentMapper() {}

    static AgentEntity toNewEntity(Agent agent) {
        AgentEntity entity = new AgentEntity();
        entity.id = agent.id().value();
        entity.displayName = agent.displayName();
        entity.capabilities = agent.capabilities().stream()
                .map(Capability::name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        entity.availability = agent.availability().name();
        entity.registeredAt = agent.registeredAt();
        return entity;
    }

    static Agent toDomain(AgentEntity entity) {
        return new Agent(
                AgentId.of(entity.id),
                entity.displayName,
                entity.capabilities.stream().map(Capability::of).collect(Collectors.toCollection(TreeSet::new)),
                Availability.valueOf(entity.availability),
                entity.registeredAt);
    }
}
