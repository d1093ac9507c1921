package dev.agentmarketplace.api.registry;

import dev.agentmarketplace.api.http.Amount;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agent as the API shows it. */
@Schema(name = "Agent", description = "A registered agent")
public record AgentView(
        @Schema(examples = "python-expert") String id,
        @Schema(examples = "Python Expert") String displayName,
        @Schema(examples = "acme") String owner,

        @Schema(description = "Normalized capability names, sorted", examples = "[\"code review\", \"python\"]")
        List<String> capabilities,

        @Schema(description = "Price of one task") Amount price,

        @Schema(
                description = "EVM address the agent is paid at, EIP-55 checksummed",
                examples = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
        String payoutWallet,

        @Schema(
                description = "Availability now: OFFLINE once the agent is deregistered or its heartbeat lease"
                        + " has lapsed, whatever it last declared",
                enumeration = {"ONLINE", "BUSY", "OFFLINE", "MAINTENANCE"})
        String availability,

        @Schema(description = "Tasks per hour the agent takes on", examples = "10")
        int capacityPerHour,

        @Schema(description = "Free-form key/value facts, sorted by key")
        Map<String, String> metadata,

        @Schema(description = "Last heartbeat (or registration)")
        Instant lastSeenAt,

        Instant registeredAt,

        @Schema(description = "When the agent was deregistered; null while registered", nullable = true)
        Instant deregisteredAt,

        @Schema(
                description = "Counts stored changes; send it as If-Match (the ETag) to change the agent only if"
                        + " nobody else has since",
                examples = "3")
        long version) {

    public static AgentView of(Agent agent, Availability effectiveAvailability) {
        return new AgentView(
                agent.id().value(),
                agent.displayName(),
                agent.owner(),
                agent.capabilities().stream().map(Capability::name).toList(),
                Amount.of(agent.price()),
                agent.payoutWallet().value(),
                effectiveAvailability.name(),
                agent.capacityPerHour(),
                agent.metadata().entries(),
                agent.lastSeenAt(),
                agent.registeredAt(),
                agent.deregisteredAt().orElse(null),
                agent.version());
    }
}
