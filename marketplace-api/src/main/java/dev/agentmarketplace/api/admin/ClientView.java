package dev.agentmarketplace.api.admin;

import dev.agentmarketplace.core.access.AgentClient;
import dev.agentmarketplace.core.access.Role;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A client of the embedded token issuer. */
@Schema(name = "Client")
public record ClientView(
        @Schema(examples = "python-expert") String agentId,

        @Schema(description = "Roles its tokens carry", examples = "[\"agent\"]")
        List<String> roles,

        @Schema(examples = "ops") String createdBy,
        Instant createdAt) {

    static ClientView of(AgentClient client) {
        return new ClientView(
                client.agent().value(),
                client.roles().stream().sorted().map(Role::claimValue).toList(),
                client.createdBy(),
                client.createdAt());
    }
}
