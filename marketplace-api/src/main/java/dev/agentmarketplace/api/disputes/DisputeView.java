package dev.agentmarketplace.api.disputes;

import dev.agentmarketplace.api.http.Amount;
import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.Evidence;
import dev.agentmarketplace.core.dispute.Resolution;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A dispute as the API shows it to its parties and to operators. */
@Schema(name = "Dispute", description = "A dispute over one transaction, its evidence and its resolution")
public record DisputeView(
        @Schema(examples = "5d0c7c0e-2f3b-4a4e-8f7e-1f2d3c4b5a69")
        String id,

        @Schema(examples = "0b5f8a52-6f4e-4c1b-9a57-3d3c2f0e9b71")
        String transactionId,

        @Schema(examples = "orchestrator") String payer,
        @Schema(examples = "python-expert") String provider,

        @Schema(description = "The party that opened the dispute", examples = "orchestrator")
        String openedBy,

        @Schema(examples = "the delivered parser does not run")
        String reason,

        @Schema(description = "Evidence in the order it was submitted")
        List<EvidenceView> evidence,

        Instant openedAt,

        @Schema(description = "Evidence is accepted up to and including this instant")
        Instant deadline,

        @Schema(enumeration = {"OPEN", "RESOLVED"}) String status,

        @Schema(description = "How the dispute ended; null while it is open", nullable = true)
        ResolutionView resolution) {

    /** One evidence item, who submitted it and when. */
    @Schema(name = "Evidence")
    public record EvidenceView(
            EvidenceKind kind,

            @Schema(
                    description = "The statement, the URL or the lower-case checksum",
                    examples = "the parser fails on every input with a BOM")
            String value,

            @Schema(examples = "orchestrator") String submittedBy,
            Instant submittedAt) {

        static EvidenceView of(Evidence evidence) {
            return new EvidenceView(
                    EvidenceKind.of(evidence.item()),
                    EvidenceKind.valueOf(evidence.item()),
                    evidence.submittedBy().value(),
                    evidence.submittedAt());
        }
    }

    /** The decision: its outcome, the refund of a partial one, and who decided. */
    @Schema(name = "Resolution")
    public record ResolutionView(
            DisputeOutcomeKind outcome,

            @Schema(description = "What the payer got back; only for PARTIAL_REFUND", nullable = true)
            Amount refund,

            @Schema(description = "An operator, or the platform's rule that decided (SYSTEM)")
            ActorView decidedBy,

            Instant decidedAt,

            @Schema(examples = "half of the files were delivered")
            String note) {

        static ResolutionView of(Resolution resolution) {
            Amount refund =
                    resolution.outcome() instanceof DisputeOutcome.PartialRefund(var amount) ? Amount.of(amount) : null;
            return new ResolutionView(
                    DisputeOutcomeKind.of(resolution.outcome()),
                    refund,
                    ActorView.of(resolution.decidedBy()),
                    resolution.decidedAt(),
                    resolution.note());
        }
    }

    /** Who made a move: an agent, an operator (by subject) or a rule of the platform. */
    @Schema(name = "Actor")
    public record ActorView(
            @Schema(enumeration = {"AGENT", "OPERATOR", "SYSTEM"})
            String kind,

            @Schema(examples = "ops") String id) {

        static ActorView of(Actor actor) {
            return new ActorView(actor.kind().name(), actor.id());
        }
    }

    static DisputeView of(Dispute dispute) {
        return new DisputeView(
                dispute.id().value(),
                dispute.transactionId().value(),
                dispute.payer().value(),
                dispute.provider().value(),
                dispute.openedBy().value(),
                dispute.reason(),
                dispute.evidence().stream().map(EvidenceView::of).toList(),
                dispute.openedAt(),
                dispute.deadline(),
                dispute.status().name(),
                dispute.resolution().map(ResolutionView::of).orElse(null));
    }
}
