package dev.agentmarketplace.persistence.reputation;

import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.reputation.ReputationEvent;
import dev.agentmarketplace.core.reputation.ReputationRepository;
import dev.agentmarketplace.core.reputation.ReputationService;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import dev.agentmarketplace.persistence.discovery.SearchRanking;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;

/**
 * {@link ReputationRepository} on Hibernate ORM Panache. Events are only ever inserted (no update
 * or delete path exists here); each method joins the caller's transaction or runs in its own.
 */
@ApplicationScoped
@Transactional
public class PanacheReputationRepository implements ReputationRepository {
    private static final String ONE_FEEDBACK_PER_TRANSACTION = "reputation_event_one_feedback_per_transaction";

    /**
     * The unique key on the feedback's transaction decides, not a prior lookup: a concurrent
     * feedback on another replica is invisible until it commits, and the loser then waits on the
     * key and is refused.
     */
    @Override
    public void append(ReputationEvent event) {
        try {
            ReputationMapper.toEntity(event).persistAndFlush();
        } catch (PersistenceException e) {
            if (event instanceof ReputationEvent.Feedback feedback && violates(e, ONE_FEEDBACK_PER_TRANSACTION)) {
                throw ReputationService.feedbackAlreadyGiven(feedback.transaction());
            }
            throw e;
        }
    }

    @Override
    public List<ReputationEvent> history(AgentId agent) {
        return ReputationEventEntity.<ReputationEventEntity>list("agentId", Sort.by("id"), agent.value()).stream()
                .map(ReputationMapper::toDomain)
                .toList();
    }

    @Override
    public boolean hasFeedbackFor(TransactionId transaction) {
        return ReputationEventEntity.count("feedbackTransactionId", transaction.value()) > 0;
    }

    @Override
    public void saveSummary(ReputationSummary summary) {
        ReputationSummaryEntity entity =
                ReputationSummaryEntity.findById(summary.agent().value());
        if (entity == null) {
            entity = new ReputationSummaryEntity();
            ReputationMapper.copy(summary, entity);
            entity.persist();
        } else {
            ReputationMapper.copy(summary, entity);
        }
        ReputationSummaryEntity.flush();
        SearchRanking.refresh(summary.agent().value());
    }

    @Override
    public Optional<ReputationSummary> summaryOf(AgentId agent) {
        return ReputationSummaryEntity.<ReputationSummaryEntity>findByIdOptional(agent.value())
                .map(ReputationMapper::toDomain);
    }

    private static boolean violates(Throwable error, String constraint) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation) {
                String name = violation.getConstraintName();
                String message = String.valueOf(violation.getMessage());
                return (name != null && name.equalsIgnoreCase(constraint))
                        || message.toLowerCase(java.util.Locale.ROOT).contains(constraint);
            }
        }
        return false;
    }
}
