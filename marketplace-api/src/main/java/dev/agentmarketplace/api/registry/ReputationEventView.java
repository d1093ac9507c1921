package dev.agentmarketplace.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentmarketplace.core.reputation.ReputationEvent;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event of a reputation's history; the fields beyond type, at, cause and amountWeight depend on the type. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ReputationEvent")
public record ReputationEventView(
        @Schema(enumeration = {"TASK_OUTCOME", "FEEDBACK", "OPERATOR_ADJUSTMENT", "DISPUTE_LOST"})
        String type,

        Instant at,

        @Schema(examples = "feedback 4.5 from orchestrator on transaction 0b5e0c1e-8f5a-4f0e-9d43-3f1c2a7b9e10")
        String cause,

        @Schema(description = "How much the money at stake weighs, 1 when none was")
        double amountWeight,

        @Schema(description = "TASK_OUTCOME: whether the task succeeded", nullable = true)
        Boolean success,

        @Schema(description = "FEEDBACK: the rating, exact", examples = "4.5", nullable = true)
        String rating,

        @Schema(description = "FEEDBACK: the rater", examples = "orchestrator", nullable = true)
        String from,

        @Schema(description = "FEEDBACK, DISPUTE_LOST: the transaction", nullable = true)
        String transactionId,

        @Schema(description = "OPERATOR_ADJUSTMENT: the delta, exact", examples = "-0.5", nullable = true)
        String delta,

        @Schema(description = "OPERATOR_ADJUSTMENT: why", nullable = true)
        String reason,

        @Schema(description = "OPERATOR_ADJUSTMENT: who", nullable = true)
        String operator) {

    static ReputationEventView of(ReputationEvent event) {
        return switch (event) {
            case ReputationEvent.TaskOutcome outcome ->
                new ReputationEventView(
                        "TASK_OUTCOME",
                        outcome.at(),
                        outcome.cause(),
                        outcome.amountWeight(),
                        outcome.success(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
            case ReputationEvent.Feedback feedback ->
                new ReputationEventView(
                        "FEEDBACK",
                        feedback.at(),
                        feedback.cause(),
                        feedback.amountWeight(),
                        null,
                        feedback.rating().toPlainString(),
                        feedback.from().value(),
                        feedback.transaction().value(),
                        null,
                        null,
                        null);
            case ReputationEvent.OperatorAdjustment adjustment ->
                new ReputationEventView(
                        "OPERATOR_ADJUSTMENT",
                        adjustment.at(),
                        adjustment.cause(),
                        adjustment.amountWeight(),
                        null,
                        null,
                        null,
                        null,
                        adjustment.delta().toPlainString(),
                        adjustment.reason(),
                        adjustment.operator());
            case ReputationEvent.DisputeLost lost ->
                new ReputationEventView(
                        "DISPUTE_LOST",
                        lost.at(),
                        lost.cause(),
                        lost.amountWeight(),
                        null,
                        null,
                        null,
                        lost.transaction().value(),
                        null,
                        null,
                        null);
        };
    }
}
