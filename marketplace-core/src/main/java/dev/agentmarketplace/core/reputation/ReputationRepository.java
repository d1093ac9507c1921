package dev.agentmarketplace.core.reputation;

import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
import java.util.List;
import java.util.Optional;

/**
 * Port: the append-only history of reputation events, and the latest summary per agent with the
 * {@link ReputationTally} it was computed from.
 */
public interface ReputationRepository {
    /**
     * Appends an event to its agent's history.
     *
     * @throws dev.agentmarketplace.core.ConflictException with {@code FEEDBACK_ALREADY_GIVEN} when the
     *     event is feedback on a transaction that already has feedback, even if given concurrently on
     *     another replica (a unique key, not a check-then-insert)
     */
    void append(ReputationEvent event);

    /** Every event of {@code agent}, in the order they were appended. */
    List<ReputationEvent> history(AgentId agent);

    boolean hasFeedbackFor(TransactionId transaction);

    /** Stores the agent's summary and the tally it was computed from, replacing the previous ones. */
    void saveSummary(ReputationSummary summary, ReputationTally tally);

    /**
     * Stores the agent's summary without a tally, replacing the previous summary and dropping its
     * tally; the next event builds the tally from the history again, as for a summary stored before
     * tallies existed.
     */
    void saveSummary(ReputationSummary summary);

    Optional<ReputationSummary> summaryOf(AgentId agent);

    /** The tally stored with the agent's summary; empty if it has no summary or one without a tally. */
    Optional<ReputationTally> tallyOf(AgentId agent);

    /** Appends the reputation as it stands after an event, to the agent's series of points. */
    void appendPoint(ReputationPoint point);

    /** The last {@code limit} points of {@code agent}'s series, oldest first. */
    List<ReputationPoint> recentPoints(AgentId agent, int limit);
}
