package dev.agentmarketplace.dashboard.disputes;

import dev.agentmarketplace.core.dispute.EvidenceItem;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import io.quarkus.qute.TemplateExtension;

/** Formatting helpers for the dispute pages: evidence by kind, outcomes in words. */
@TemplateExtension
public class DisputeFormats {
    private DisputeFormats() {}

    /** {@code text}, {@code link} or {@code checksum}: which way the page shows the item. */
    static String kind(EvidenceItem item) {
        return switch (item) {
            case EvidenceItem.Text text -> "text";
            case EvidenceItem.Link link -> "link";
            case EvidenceItem.Checksum checksum -> "checksum";
        };
    }

    /**
     * What the item says: the statement, the URL (an http or https URL with a host, as the core
     * checked, so never {@code javascript:}), or the 64 hex digits of the SHA-256.
     */
    static String content(EvidenceItem item) {
        return switch (item) {
            case EvidenceItem.Text text -> text.text();
            case EvidenceItem.Link link -> link.url().toString();
            case EvidenceItem.Checksum checksum -> checksum.sha256();
        };
    }

    static String label(DisputeOutcome.Kind kind) {
        return switch (kind) {
            case PROVIDER_UPHELD -> "provider upheld";
            case FULL_REFUND -> "full refund";
            case PARTIAL_REFUND -> "partial refund";
        };
    }
}
