package dev.agentmarketplace.api.registry;

import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agent as the API shows it. */
@Schema(name = "Agent", description = "A registered agent")
public record AgentView(
        @Schema(examples = "python-expert") String id,
        @Schema(examples = "Python Expert") String displayName,

        @Schema(description = "Normalized capability names, sorted", examples = "[\"code review\", \"python\"]")
        List<String> capabilities,

        @Schema(enumeration = {"ONLINE", "BUSY", "OFFLINE", "MAINTENANCE"})
        String availability,

        Instant registeredAt) {

    static AgentView of(Agent agent) {
        return new AgentView(
                agent.id().value(),
                agent.displayName(),
                agent.capabilities().stream().map(Capability::name).toList(),
                agent.availability().name(),
                agent.registeredAt());
    }
}
