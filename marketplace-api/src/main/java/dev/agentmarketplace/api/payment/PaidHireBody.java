package dev.agentmarketplace.api.payment;

import dev.agentmarketplace.core.ledger.Transaction;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A hire paid through x402: the price is the provider's listed one, so no amount is sent. */
@Schema(name = "PaidHire")
public record PaidHireBody(
        @Schema(
                description = "Optional; when given it must be the caller's own agent id",
                examples = "orchestrator",
                nullable = true)
        @Size(min = 1, max = 64) String payer,

        @Schema(description = "The capability the task needs", examples = "python") @NotNull @Size(min = 1, max = 100) String capability,

        @Schema(description = "Free text describing the task", examples = "Refactor the billing module")
        @Size(max = Transaction.MAX_CONTEXT_LENGTH) String context) {}
