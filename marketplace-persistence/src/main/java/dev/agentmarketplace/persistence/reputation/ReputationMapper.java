package dev.agentmarketplace.persistence.reputation;

import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.reputation.ReputationEvent;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import java.math.BigDecimal;

/** Explicit mapping between the core's reputation events, summaries and tallies and their rows. */
final class ReputationMapper {
    static final String TASK_OUTCOME = "TASK_OUTCOME";
    static final String FEEDBACK = "FEEDBACK";
    static final String OPERATOR_ADJUSTMENT = "OPERATOR_ADJUSTMENT";
    static final String DISPUTE_LOST = "DISPUTE_LOST";

    private ReputationMapper() {}

    static ReputationEventEntity toEntity(ReputationEvent event) {
        ReputationEventEntity entity = new ReputationEventEntity();
        entity.agentId = event.agent().value();
        entity.occurredAt = event.at();
        entity.amountWeight = event.amountWeight();
        switch (event) {
            case ReputationEvent.TaskOutcome outcome -> {
                entity.kind = TASK_OUTCOME;
                entity.success = outcome.success();
                entity.weight = outcome.weight();
                entity.cause = outcome.cause();
            }
            case ReputationEvent.Feedback feedback -> {
                entity.kind = FEEDBACK;
                entity.rating = feedback.rating();
                entity.figureScale = (short) feedback.rating().scale();
                entity.weight = feedback.weight();
                entity.fromAgentId = feedback.from().value();
                entity.feedbackTransactionId = feedback.transaction().value();
            }
            case ReputationEvent.OperatorAdjustment adjustment -> {
                entity.kind = OPERATOR_ADJUSTMENT;
                entity.delta = adjustment.delta();
                entity.figureScale = (short) adjustment.delta().scale();
                entity.reason = adjustment.reason();
                entity.operatorName = adjustment.operator();
            }
            case ReputationEvent.DisputeLost lost -> {
                entity.kind = DISPUTE_LOST;
                entity.transactionId = lost.transaction().value();
                // The refunded share; rows written before partial refunds were weighted have NULL: 1.
                entity.weight = lost.refundedShare();
            }
        }
        return entity;
    }

    static ReputationEvent toDomain(ReputationEventEntity entity) {
        AgentId agent = AgentId.of(entity.agentId);
        return switch (entity.kind) {
            case TASK_OUTCOME ->
                new ReputationEvent.TaskOutcome(
                        agent, entity.occurredAt, entity.amountWeight, entity.success, entity.weight, entity.cause);
            case FEEDBACK ->
                new ReputationEvent.Feedback(
                        agent,
                        entity.occurredAt,
                        entity.amountWeight,
                        asWritten(entity.rating, entity.figureScale),
                        entity.weight,
                        AgentId.of(entity.fromAgentId),
                        TransactionId.of(entity.feedbackTransactionId));
            case OPERATOR_ADJUSTMENT ->
                new ReputationEvent.OperatorAdjustment(
                        agent,
                        entity.occurredAt,
                        asWritten(entity.delta, entity.figureScale),
                        entity.reason,
                        entity.operatorName);
            case DISPUTE_LOST ->
                new ReputationEvent.DisputeLost(
                        agent,
                        entity.occurredAt,
                        entity.amountWeight,
                        TransactionId.of(entity.transactionId),
                        entity.weight == null ? 1 : entity.weight);
            default -> throw new IllegalStateException("unknown reputation event kind '" + entity.kind + "'");
        };
    }

    /**
     * The column pads to its own scale (4.5 reads back as 4.50 from NUMERIC(3, 2)); the stored scale
     * gives back the value as written, which the core's records compare by. Only zeros are dropped.
     */
    private static BigDecimal asWritten(BigDecimal stored, short scale) {
        return stored.setScale(scale);
    }

    static ReputationSummary toDomain(ReputationSummaryEntity entity) {
        return new ReputationSummary(
                AgentId.of(entity.agentId), entity.score, entity.lowerBound, entity.effectiveObservations, entity.asOf);
    }
}
