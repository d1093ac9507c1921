package dev.agentmarketplace.core.dispute;

import dev.agentmarketplace.core.ledger.DisputeOutcome;
import java.time.Instant;
import java.util.Optional;

/** Issue 3: a provider that does not respond with evidence before the deadline loses (full refund). */
public final class ProviderSilentRule implements DisputeRule {
    public static final String NAME = "provider-silent";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Decision> decide(Dispute dispute, Instant now) {
        if (dispute.isPastDeadline(now) && !dispute.hasEvidenceFrom(dispute.provider())) {
            return Optional.of(new Decision(
                    new DisputeOutcome.FullRefund(),
                    "provider '" + dispute.provider() + "' submitted no evidence before " + dispute.deadline()));
        }
        return Optional.empty();
    }
}
