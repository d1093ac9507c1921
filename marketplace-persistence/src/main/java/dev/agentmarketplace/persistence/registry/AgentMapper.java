package dev.agentmarketplace.persistence.registry;

import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.Metadata;
import dev.agentmarketplace.core.registry.WalletAddress;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Explicit mapping between the core's {@link Agent} and its row, so no entity leaves this module. */
final class AgentMapper {
    private AgentMapper() {}

    static AgentEntity toNewEntity(Agent agent) {
        AgentEntity entity = new AgentEntity();
        entity.id = agent.id().value();
        entity.registeredAt = agent.registeredAt();
        copyChangeable(agent, entity);
        return entity;
    }

    /** Everything but the id and the registration time, which never change. */
    static void copyChangeable(Agent agent, AgentEntity entity) {
        entity.displayName = agent.displayName();
        entity.owner = agent.owner();
        entity.capabilities.clear();
        agent.capabilities().forEach(capability -> entity.capabilities.add(capability.name()));
        entity.priceAmount = agent.price().amount();
        entity.priceCurrency = agent.price().currency().code();
        entity.payoutWallet = agent.payoutWallet().value();
        entity.availability = agent.availability().name();
        entity.lastSeenAt = agent.lastSeenAt();
        entity.capacityPerHour = agent.capacityPerHour();
        entity.metadata.clear();
        entity.metadata.putAll(agent.metadata().entries());
        entity.deregisteredAt = agent.deregisteredAt().orElse(null);
        entity.version = agent.version();
    }

    static Agent toDomain(AgentEntity entity) {
        return new Agent(
                AgentId.of(entity.id),
                entity.displayName,
                entity.owner,
                entity.capabilities.stream().map(Capability::of).collect(Collectors.toCollection(TreeSet::new)),
                // The column holds 18 decimals; Money brings the amount back to its currency's scale.
                Money.of(entity.priceAmount, Currency.of(entity.priceCurrency)),
                WalletAddress.of(entity.payoutWallet),
                Availability.valueOf(entity.availability),
                entity.lastSeenAt,
                entity.capacityPerHour,
                Metadata.of(entity.metadata),
                entity.registeredAt,
                Optional.ofNullable(entity.deregisteredAt),
                entity.version);
    }
}
