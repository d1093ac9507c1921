package dev.agentmarketplace.api.registry;

import dev.agentmarketplace.api.http.Amount;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistration;
import dev.agentmarketplace.core.registry.WalletAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agent registering itself: everything it offers, at what price, and where it is paid. */
@Schema(name = "AgentRegistration")
public record RegisterAgentRequest(
        @Schema(description = "The agent's id; must be the caller's own agent id", examples = "python-expert")
        @NotNull @Size(min = 1, max = 64) String id,

        @Schema(examples = "Python Expert") @NotNull @Size(min = 1, max = 120) String displayName,

        @Schema(description = "Who runs the agent", examples = "acme") @NotNull @Size(min = 1, max = 120) String owner,

        @Schema(
                description = "What the agent can do; trimmed, lower-cased and deduplicated",
                examples = "[\"python\", \"code review\"]")
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Size(max = 100) String> capabilities,

        @Schema(description = "Price of one task") @Valid @NotNull Amount price,

        @Schema(
                description = "EVM address the agent is paid at (x402); mixed case must be a valid EIP-55 checksum",
                examples = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
        @NotNull @Size(max = 42) String payoutWallet,

        @Schema(
                description = "Declared availability",
                enumeration = {"ONLINE", "BUSY", "OFFLINE", "MAINTENANCE"},
                examples = "ONLINE")
        @NotNull @Size(max = 16) String availability,

        @Schema(description = "Tasks per hour the agent takes on, 1 to 1000000", examples = "10") @NotNull Integer capacityPerHour,

        @Schema(
                description = "Free-form facts: at most 32 keys of letters, digits, '_', '.' or '-'",
                examples = "{\"region\": \"eu-west\"}")
        @Size(max = 32) Map<@NotNull @Size(max = 64) String, @NotNull @Size(max = 512) String> metadata) {

    AgentRegistration toRegistration() {
        return new AgentRegistration(
                Inputs.as("id", () -> AgentId.of(id)),
                displayName,
                owner,
                Inputs.capabilities("capabilities", capabilities),
                Inputs.within("price.", price::toMoney),
                WalletAddress.of(payoutWallet),
                Inputs.availability("availability", availability),
                capacityPerHour,
                Inputs.metadata(metadata));
    }
}
