package dev.agentmarketplace.core.dispute;

import dev.agentmarketplace.core.ShownText;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import java.time.Instant;
import java.util.Objects;

/**
 * How a dispute ended, and who decided: an operator ({@code Actor.operator}) or a rule ({@code
 * Actor.system(ruleName)}), so every automatic decision records which rule fired.
 */
public record Resolution(DisputeOutcome outcome, Actor decidedBy, Instant decidedAt, String note) {
    public Resolution {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(decidedAt, "decidedAt");
        note = note == null ? "" : ShownText.multiline("note", note);
    }

    /** Whether the provider lost: a full or partial refund counts as a failure for its reputation. */
    public boolean providerLost() {
        return switch (outcome) {
            case DisputeOutcome.ProviderUpheld upheld -> false;
            case DisputeOutcome.FullRefund full -> true;
            case DisputeOutcome.PartialRefund partial -> true;
        };
    }
}
