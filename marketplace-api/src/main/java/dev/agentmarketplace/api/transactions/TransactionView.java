package dev.agentmarketplace.api.transactions;

import dev.agentmarketplace.api.http.Amount;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.ledger.Transition;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A transaction as the API shows it, with its whole timeline. */
@Schema(name = "Transaction", description = "A hire and every step of its lifecycle")
public record TransactionView(
        @Schema(examples = "0f8fad5b-d9cb-469f-a165-70867728950e")
        String id,

        @Schema(examples = "orchestrator") String payer,
        @Schema(examples = "python-expert") String provider,
        @Schema(examples = "python") String capability,
        Amount amount,
        @Schema(examples = "Refactor the billing module") String context,

        @Schema(enumeration = {"PENDING", "SETTLED", "CANCELLED", "DISPUTED", "RESOLVED"})
        String state,

        Instant createdAt,

        @Schema(description = "When it was settled; null if it never was", nullable = true)
        Instant settledAt,

        @Schema(description = "The payment's settlement reference, if one was given", nullable = true)
        String settlementReference,

        @Schema(description = "How its dispute was resolved; null unless RESOLVED", nullable = true)
        OutcomeView outcome,

        @Schema(description = "Every transition, oldest first; the first is the hire itself")
        List<TransitionView> timeline) {

    /** One step of the timeline: from which state (null for the hire) to which, by whom, when. */
    @Schema(name = "Transition")
    public record TransitionView(
            @Schema(nullable = true, examples = "PENDING") String from,
            @Schema(examples = "SETTLED") String to,
            @Schema(description = "Who made the move") ActorView actor,
            Instant at,
            @Schema(examples = "settled") String note) {

        static TransitionView of(Transition step) {
            return new TransitionView(
                    step.from().map(TransactionState::name).orElse(null),
                    step.to().name(),
                    ActorView.of(step.actor()),
                    step.at(),
                    step.note());
        }
    }

    /** An agent by id, an operator by subject, or the platform by the rule that acted. */
    @Schema(name = "Actor")
    public record ActorView(
            @Schema(enumeration = {"AGENT", "OPERATOR", "SYSTEM"})
            String kind,

            @Schema(examples = "orchestrator") String id) {

        static ActorView of(Actor actor) {
            return new ActorView(actor.kind().name(), actor.id());
        }
    }

    /** A dispute's outcome; {@code refund} only for a partial refund. */
    @Schema(name = "DisputeOutcome")
    public record OutcomeView(
            @Schema(enumeration = {"PROVIDER_UPHELD", "FULL_REFUND", "PARTIAL_REFUND"})
            String kind,

            @Schema(nullable = true) Amount refund) {

        static OutcomeView of(DisputeOutcome outcome) {
            return switch (outcome) {
                case DisputeOutcome.ProviderUpheld() -> new OutcomeView("PROVIDER_UPHELD", null);
                case DisputeOutcome.FullRefund() -> new OutcomeView("FULL_REFUND", null);
                case DisputeOutcome.PartialRefund(var refund) -> new OutcomeView("PARTIAL_REFUND", Amount.of(refund));
            };
        }
    }

    public static TransactionView of(Transaction tx) {
        return new TransactionView(
                tx.id().value(),
                tx.payer().value(),
                tx.provider().value(),
                tx.capability().name(),
                Amount.of(tx.amount()),
                tx.context(),
                tx.state().name(),
                tx.createdAt(),
                tx.settledAt().orElse(null),
                tx.settlementReference().orElse(null),
                tx.outcome().map(OutcomeView::of).orElse(null),
                tx.timeline().stream().map(TransitionView::of).toList());
    }
}
