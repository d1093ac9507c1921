package dev.agentmarketplace.core.registry;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.money.Money;
import java.util.Set;

/**
 * A change to one registered agent, as the registry accepts it (issue 3: price, availability,
 * capabilities, capacity and metadata). Range rules (a capacity of at least 1, a price not
 * negative, at least one capability) are the {@link Agent}'s and are checked when the change is
 * applied, so a bulk update reports them per item like any other refusal.
 */
public sealed interface AgentUpdate {
    AgentId agentId();

    record ChangePrice(AgentId agentId, Money price) implements AgentUpdate {
        public ChangePrice {
            required("agentId", agentId);
            required("price", price);
        }
    }

    record ChangeAvailability(AgentId agentId, Availability availability) implements AgentUpdate {
        public ChangeAvailability {
            required("agentId", agentId);
            required("availability", availability);
        }
    }

    record ChangeCapabilities(AgentId agentId, Set<Capability> capabilities) implements AgentUpdate {
        public ChangeCapabilities {
            required("agentId", agentId);
            required("capabilities", capabilities);
            capabilities = Set.copyOf(capabilities);
        }
    }

    record ChangeCapacity(AgentId agentId, int capacityPerHour) implements AgentUpdate {
        public ChangeCapacity {
            required("agentId", agentId);
        }
    }

    record ChangeMetadata(AgentId agentId, Metadata metadata) implements AgentUpdate {
        public ChangeMetadata {
            required("agentId", agentId);
            required("metadata", metadata);
        }
    }

    private static void required(String field, Object value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
    }
}
