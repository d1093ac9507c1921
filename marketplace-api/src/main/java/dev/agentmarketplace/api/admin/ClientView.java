package dev.agentmarketplace.api.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentmarketplace.core.access.AgentClient;
import dev.agentmarketplace.core.access.Role;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A client of the embedded token issuer. */
@Schema(name = "Client")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientView(
        @Schema(examples = "python-expert") String agentId,

        @Schema(description = "Roles its tokens carry", examples = "[\"agent\"]")
        List<String> roles,

        @Schema(examples = "ops") String createdBy,
        Instant createdAt,

        @Schema(description = "Whether its tokens are refused")
        boolean disabled,

        @Schema(description = "The admin who disabled it; absent while enabled", examples = "ops")
        String disabledBy,

        @Schema(description = "When it was disabled; absent while enabled")
        Instant disabledAt,

        @Schema(description = "When it was last enabled again: tokens issued before then are refused")
        Instant tokensIssuedFrom) {

    static ClientView of(AgentClient client) {
        return new ClientView(
                client.agent().value(),
                client.roles().stream().sorted().map(Role::claimValue).toList(),
                client.createdBy(),
                client.createdAt(),
                client.isDisabled(),
                client.disabled().map(AgentClient.Disablement::by).orElse(null),
                client.disabled().map(AgentClient.Disablement::at).orElse(null),
                client.tokensIssuedFrom().orElse(null));
    }
}
