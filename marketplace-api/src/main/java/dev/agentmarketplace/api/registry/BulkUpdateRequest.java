package dev.agentmarketplace.api.registry;

import dev.agentmarketplace.api.http.Amount;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentUpdate;
import dev.agentmarketplace.core.registry.RegistrySettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Changes an admin applies at once, one per agent: all of them, or none. */
@Schema(name = "BulkUpdate")
public record BulkUpdateRequest(
        @Schema(description = "The changes, one per agent, at most marketplace.registry.max-batch-size (default 500)")
        @NotNull @Size(min = 1, max = RegistrySettings.MAX_BATCH_SIZE_LIMIT) List<@Valid @NotNull Item> items) {

    /** One change of one agent: exactly one of the optional fields. */
    @Schema(name = "BulkUpdateItem")
    public record Item(
            @Schema(examples = "python-expert") @NotNull @Size(min = 1, max = 64) String agentId,

            @Valid Amount price,

            @Schema(
                    enumeration = {"ONLINE", "BUSY", "OFFLINE", "MAINTENANCE"},
                    examples = "MAINTENANCE")
            @Size(max = 16) String availability,

            @Size(min = 1, max = 50) List<@NotNull @Size(max = 100) String> capabilities,
            Integer capacityPerHour,
            @Size(max = 32) Map<@NotNull @Size(max = 64) String, @NotNull @Size(max = 512) String> metadata) {

        AgentUpdate toUpdate() {
            AgentId agent = AgentId.of(agentId);
            long given = Stream.of(price, availability, capabilities, capacityPerHour, metadata)
                    .filter(value -> value != null)
                    .count();
            if (given != 1) {
                throw new InvalidValueException(
                        "change",
                        "give exactly one of price, availability, capabilities, capacityPerHour or metadata, got "
                                + given);
            }
            if (price != null) {
                return new AgentUpdate.ChangePrice(agent, Inputs.within("price.", price::toMoney));
            }
            if (availability != null) {
                return new AgentUpdate.ChangeAvailability(agent, Inputs.availability("availability", availability));
            }
            if (capabilities != null) {
                return new AgentUpdate.ChangeCapabilities(agent, Inputs.capabilities("capabilities", capabilities));
            }
            if (capacityPerHour != null) {
                return new AgentUpdate.ChangeCapacity(agent, capacityPerHour);
            }
            return new AgentUpdate.ChangeMetadata(agent, Inputs.metadata(metadata));
        }
    }

    List<AgentUpdate> toUpdates() {
        List<AgentUpdate> updates = new ArrayList<>(items.size());
        for (int index = 0; index < items.size(); index++) {
            updates.add(Inputs.within("items[" + index + "].", items.get(index)::toUpdate));
        }
        return updates;
    }
}
