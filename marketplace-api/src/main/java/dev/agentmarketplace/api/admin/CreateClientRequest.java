package dev.agentmarketplace.api.admin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which agent gets a client, and which roles beyond {@code agent} its tokens carry. */
@Schema(name = "CreateClient")
public record CreateClientRequest(
        @Schema(description = "The agent id the client's tokens act as", examples = "python-expert")
        @NotNull @Size(min = 1, max = 64) String agentId,

        @Schema(description = "Further roles: operator and/or admin", examples = "[]") @Size(max = 2) List<@NotNull @Size(max = 16) String> extraRoles) {}
