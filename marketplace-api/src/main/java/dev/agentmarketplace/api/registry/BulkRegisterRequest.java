package dev.agentmarketplace.api.registry;

import dev.agentmarketplace.core.registry.AgentRegistration;
import dev.agentmarketplace.core.registry.RegistrySettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Agents an admin registers at once: all of them, or none. */
@Schema(name = "BulkRegistration")
public record BulkRegisterRequest(
        @Schema(description = "The agents, at most marketplace.registry.max-batch-size (default 500)")
        @NotNull @Size(min = 1, max = RegistrySettings.MAX_BATCH_SIZE_LIMIT) List<@Valid @NotNull RegisterAgentRequest> items) {

    List<AgentRegistration> toRegistrations() {
        List<AgentRegistration> registrations = new ArrayList<>(items.size());
        for (int index = 0; index < items.size(); index++) {
            RegisterAgentRequest item = items.get(index);
            registrations.add(Inputs.within("items[" + index + "].", item::toRegistration));
        }
        return registrations;
    }
}
