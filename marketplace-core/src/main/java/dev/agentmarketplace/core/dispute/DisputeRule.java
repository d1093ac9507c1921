package dev.agentmarketplace.core.dispute;

import dev.agentmarketplace.core.ledger.DisputeOutcome;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule that may decide an open dispute whose evidence deadline has passed. Rules are configured
 * on the {@link DisputeDesk}; the first that decides wins, and the decision is recorded as made by
 * {@code Actor.system(name())}.
 */
public interface DisputeRule {
    /** A stable name, recorded with each decision (1-128 characters). */
    String name();

    Optional<Decision> decide(Dispute dispute, Instant now);

    record Decision(DisputeOutcome outcome, String note) {
        public Decision {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(note, "note");
        }
    }
}
