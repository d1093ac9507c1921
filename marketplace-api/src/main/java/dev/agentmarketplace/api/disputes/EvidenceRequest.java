package dev.agentmarketplace.api.disputes;

import dev.agentmarketplace.core.dispute.EvidenceItem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One evidence item a party submits; the core checks the value against its kind. */
@Schema(name = "EvidenceSubmission")
public record EvidenceRequest(
        @Schema(
                description = "TEXT (a statement), URL (http or https) or SHA256 (64 hex characters)",
                examples = "TEXT")
        @NotNull EvidenceKind kind,

        @Schema(
                description = "The statement (up to 4000 characters), the URL (up to 2048) or the checksum",
                examples = "the parser fails on every input with a BOM")
        @NotBlank @Size(max = EvidenceItem.Text.MAX_LENGTH) String value) {

    EvidenceItem item() {
        return kind.item(value);
    }
}
