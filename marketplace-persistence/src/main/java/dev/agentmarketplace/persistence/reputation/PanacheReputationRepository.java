package dev.agentmarketplace.persistence.reputation;

import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.reputation.ReputationEvent;
import dev.agentmarketplace.core.reputation.ReputationPoint;
import dev.agentmarketplace.core.reputation.ReputationRepository;
import dev.agentmarketplace.core.reputation.ReputationService;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import dev.agentmarketplace.core.reputation.ReputationTally;
import dev.agentmarketplace.persistence.HeldEntities;
import dev.agentmarketplace.persistence.Sql;
import dev.agentmarketplace.persistence.discovery.SearchRanking;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;

/**
 * {@link ReputationRepository} on Hibernate ORM Panache. Events are only ever inserted (no update
 * or delete path exists here); each method joins the caller's transaction or runs in its own.
 */
@ApplicationScoped
@Transactional
public class PanacheReputationRepository implements ReputationRepository {
    private static final String ONE_FEEDBACK_PER_TRANSACTION = "reputation_event_one_feedback_per_transaction";
    private static final String SUMMARY_COLUMNS = "score, lower_bound, effective_observations, as_of,"
            + " tally_weight_sum, tally_weighted_ratings, tally_weighted_squares, tally_adjustment, tally_successes,"
            + " tally_failures, tally_feedback_count, tally_as_of";
    private static final String UPDATE_SUMMARY = "UPDATE reputation_summary SET (" + SUMMARY_COLUMNS + ")"
            + " = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE agent_id = ?";
    private static final String INSERT_SUMMARY = "INSERT INTO reputation_summary (" + SUMMARY_COLUMNS + ", agent_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String TALLY = "SELECT tally_weight_sum, tally_weighted_ratings, tally_weighted_squares,"
            + " tally_adjustment, tally_successes, tally_failures, tally_feedback_count, tally_as_of"
            + " FROM reputation_summary WHERE agent_id = ?";
    private static final String INSERT_EVENT = "INSERT INTO reputation_event (agent_id, kind, occurred_at,"
            + " amount_weight, weight, success, cause, rating, delta, figure_scale, from_agent_id,"
            + " feedback_transaction_id, transaction_id, reason, operator_name)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * The unique key on the feedback's transaction decides, not a prior lookup: a concurrent
     * feedback on another replica is invisible until it commits, and the loser then waits on the
     * key and is refused.
     */
    @Override
    public void append(ReputationEvent event) {
        ReputationEventEntity row = ReputationMapper.toEntity(event);
        try {
            // Plain JDBC (issue 13): every settlement appends an event, and Hibernate's persist and
            // flush of the entity cost more than the INSERT. Its id stays the database's.
            Panache.getEntityManager().unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
                    insert.setString(1, row.agentId);
                    insert.setString(2, row.kind);
                    insert.setObject(3, Sql.timestamp(row.occurredAt));
                    insert.setDouble(4, row.amountWeight);
                    insert.setObject(5, row.weight, Types.DOUBLE);
                    insert.setObject(6, row.success, Types.BOOLEAN);
                    insert.setString(7, row.cause);
                    insert.setObject(8, row.rating, Types.NUMERIC);
                    insert.setObject(9, row.delta, Types.NUMERIC);
                    insert.setObject(10, row.figureScale, Types.SMALLINT);
                    insert.setString(11, row.fromAgentId);
                    insert.setString(12, row.feedbackTransactionId);
                    insert.setString(13, row.transactionId);
                    insert.setString(14, row.reason);
                    insert.setString(15, row.operatorName);
                    insert.executeUpdate();
                }
            });
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
    public void saveSummary(ReputationSummary summary, ReputationTally tally) {
        store(summary, Optional.of(tally));
    }

    @Override
    public void saveSummary(ReputationSummary summary) {
        store(summary, Optional.empty());
    }

    /**
     * Plain JDBC (issue 13: every settlement stores a summary): an UPDATE, or an INSERT for the
     * agent's first summary. Writers hold the agent's lock (ReputationService), so no other
     * transaction inserts the row in between. A summary entity the session may hold is let go
     * first, so reads later in the unit of work load what is written here.
     */
    private void store(ReputationSummary summary, Optional<ReputationTally> tally) {
        Session session = Panache.getEntityManager().unwrap(Session.class);
        HeldEntities.detach(
                session, ReputationSummaryEntity.class, summary.agent().value());
        session.doWork(connection -> {
            boolean updated;
            try (PreparedStatement update = connection.prepareStatement(UPDATE_SUMMARY)) {
                bindSummary(update, summary, tally);
                updated = update.executeUpdate() == 1;
            }
            if (!updated) {
                try (PreparedStatement insert = connection.prepareStatement(INSERT_SUMMARY)) {
                    bindSummary(insert, summary, tally);
                    insert.executeUpdate();
                }
            }
        });
        SearchRanking.refreshScore(summary.agent().value());
    }

    /** The columns of {@link #UPDATE_SUMMARY} and {@link #INSERT_SUMMARY}, in their common order. */
    private static void bindSummary(
            PreparedStatement statement, ReputationSummary summary, Optional<ReputationTally> tally)
            throws SQLException {
        statement.setDouble(1, summary.score());
        statement.setDouble(2, summary.lowerBound());
        statement.setDouble(3, summary.effectiveObservations());
        statement.setObject(4, Sql.timestamp(summary.asOf()));
        statement.setObject(5, tally.map(ReputationTally::weightSum).orElse(null), Types.DOUBLE);
        statement.setObject(6, tally.map(ReputationTally::weightedRatings).orElse(null), Types.DOUBLE);
        statement.setObject(7, tally.map(ReputationTally::weightedSquares).orElse(null), Types.DOUBLE);
        statement.setObject(8, tally.map(ReputationTally::adjustment).orElse(null), Types.DOUBLE);
        statement.setObject(9, tally.map(ReputationTally::successes).orElse(null), Types.BIGINT);
        statement.setObject(10, tally.map(ReputationTally::failures).orElse(null), Types.BIGINT);
        statement.setObject(11, tally.map(ReputationTally::feedbackCount).orElse(null), Types.BIGINT);
        statement.setObject(
                12, tally.map(found -> Sql.timestamp(found.asOf())).orElse(null), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setString(13, summary.agent().value());
    }

    @Override
    public Optional<ReputationSummary> summaryOf(AgentId agent) {
        return ReputationSummaryEntity.<ReputationSummaryEntity>findByIdOptional(agent.value())
                .map(ReputationMapper::toDomain);
    }

    /** Plain JDBC, as {@link #store}: the read of every reputation event. */
    @Override
    public Optional<ReputationTally> tallyOf(AgentId agent) {
        return Panache.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(TALLY)) {
                select.setString(1, agent.value());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next() || row.getObject("tally_as_of") == null) {
                        // No summary, or one stored before tallies (V17 keeps the columns all set or all NULL).
                        return Optional.empty();
                    }
                    return Optional.of(new ReputationTally(
                            row.getDouble("tally_weight_sum"),
                            row.getDouble("tally_weighted_ratings"),
                            row.getDouble("tally_weighted_squares"),
                            row.getDouble("tally_adjustment"),
                            row.getLong("tally_successes"),
                            row.getLong("tally_failures"),
                            row.getLong("tally_feedback_count"),
                            Sql.instant(row, "tally_as_of")));
                }
            }
        });
    }

    @Override
    public void appendPoint(ReputationPoint point) {
        Panache.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO reputation_point (agent_id, occurred_at, score, low_bound, high_bound)"
                            + " VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, point.agent().value());
                insert.setObject(2, Sql.timestamp(point.at()));
                insert.setDouble(3, point.score());
                insert.setDouble(4, point.low());
                insert.setDouble(5, point.high());
                insert.executeUpdate();
            }
        });
    }

    /** The agent's last points through {@code reputation_point_by_agent}, walked backwards and stopped at the limit. */
    @Override
    public List<ReputationPoint> recentPoints(AgentId agent, int limit) {
        return Panache.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            List<ReputationPoint> newestFirst = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT occurred_at, score, low_bound, high_bound FROM reputation_point WHERE agent_id = ?"
                            + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY")) {
                select.setString(1, agent.value());
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        newestFirst.add(new ReputationPoint(
                                agent,
                                Sql.instant(rows, "occurred_at"),
                                rows.getDouble("score"),
                                rows.getDouble("low_bound"),
                                rows.getDouble("high_bound")));
                    }
                }
            }
            return newestFirst.reversed();
        });
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
