package dev.agentmarketplace.api.disputes;

import dev.agentmarketplace.api.http.Amount;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An operator's decision on a dispute. */
@Schema(name = "DisputeResolution")
public record ResolveDisputeRequest(
        @Schema(examples = "PARTIAL_REFUND") @NotNull DisputeOutcomeKind outcome,

        @Schema(
                description = "What the payer gets back: required for PARTIAL_REFUND (more than zero, less than"
                        + " the transaction's amount, same currency), absent otherwise",
                nullable = true)
        @Valid Amount refund,

        @Schema(description = "Why; kept with the resolution", examples = "half of the files were delivered")
        @NotBlank @Size(max = DisputeDesk.MAX_NOTE_LENGTH) String note) {

    DisputeOutcome toOutcome() {
        if ((outcome == DisputeOutcomeKind.PARTIAL_REFUND) != (refund != null)) {
            throw new InvalidValueException("refund", "is required for PARTIAL_REFUND and only for it");
        }
        return switch (outcome) {
            case PROVIDER_UPHELD -> new DisputeOutcome.ProviderUpheld();
            case FULL_REFUND -> new DisputeOutcome.FullRefund();
            case PARTIAL_REFUND -> new DisputeOutcome.PartialRefund(refund.toMoney("refund."));
        };
    }
}
