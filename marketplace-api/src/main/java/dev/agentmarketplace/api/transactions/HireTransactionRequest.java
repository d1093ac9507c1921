package dev.agentmarketplace.api.transactions;

import dev.agentmarketplace.api.http.Amount;
import dev.agentmarketplace.core.ledger.Transaction;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A hire as the payer sends it; the payer is the caller's own agent. */
@Schema(name = "Hire")
public record HireTransactionRequest(
        @Schema(
                description = "Optional; when given it must be the caller's own agent id",
                examples = "orchestrator",
                nullable = true)
        @Size(min = 1, max = 64) String payer,

        @Schema(description = "The agent hired", examples = "python-expert") @NotNull @Size(min = 1, max = 64) String provider,

        @Schema(description = "The capability the task needs", examples = "python") @NotNull @Size(min = 1, max = 100) String capability,

        @Schema(description = "What the payer pays, at least the provider's listed price") @Valid @NotNull Amount amount,

        @Schema(description = "Free text describing the task", examples = "Refactor the billing module")
        @Size(max = Transaction.MAX_CONTEXT_LENGTH) String context) {}
