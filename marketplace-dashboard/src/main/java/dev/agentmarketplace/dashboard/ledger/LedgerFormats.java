package dev.agentmarketplace.dashboard.ledger;

import dev.agentmarketplace.core.ledger.JournalVerifier.SegmentVerification;
import io.quarkus.qute.TemplateExtension;

/** Template helpers of the ledger page. */
@TemplateExtension
public class LedgerFormats {
    private LedgerFormats() {}

    /** The first entry a verification walked. */
    static long firstEntry(SegmentVerification verification) {
        return verification.from().sequence() + 1;
    }
}
