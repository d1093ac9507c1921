package dev.agentmarketplace.api.disputes;

import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.EvidenceItem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A party's dispute over a transaction. It names no party: the dispute is opened by the agent of
 * the token, so no agent can open one on behalf of another.
 */
@Schema(name = "OpenDispute")
public record OpenDisputeRequest(
        @Schema(description = "The disputed transaction", examples = "0b5f8a52-6f4e-4c1b-9a57-3d3c2f0e9b71")
        @NotNull @Size(max = 36) String transactionId,

        @Schema(description = "Why the transaction is disputed", examples = "the delivered parser does not run")
        @NotBlank @Size(max = Dispute.MAX_REASON_LENGTH) String reason,

        @Schema(description = "Evidence submitted with the dispute; more can follow until the deadline")
        @Size(max = Dispute.MAX_EVIDENCE_ITEMS) List<@Valid @NotNull EvidenceRequest> evidence) {

    List<EvidenceItem> items() {
        return evidence == null
                ? List.of()
                : evidence.stream().map(EvidenceRequest::item).toList();
    }
}
