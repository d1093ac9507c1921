package dev.agentmarketplace.persistence.ledger;

import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.Transition;
import dev.agentmarketplace.persistence.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes of {@code ledger_transaction} and {@code ledger_transition} as plain JDBC on the
 * caller's connection (issue 13: through Hibernate, a settle re-read the transaction with its whole
 * timeline, translated an HQL update and dirty-checked the entity, for what is one UPDATE and one
 * INSERT). The same statements run on PostgreSQL and H2.
 */
final class TransactionWrites {
    private static final String INSERT = "INSERT INTO ledger_transaction (id, payer_id, provider_id, capability,"
            + " amount, currency, context, idempotency_key, state, created_at, settlement_reference, outcome,"
            + " refund_amount, refund_currency, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String STEP_COLUMNS =
            "ledger_transition (transaction_id, step, from_state, to_state, actor_kind, actor_id, occurred_at, note)";

    private static final String INSERT_STEP = "INSERT INTO " + STEP_COLUMNS + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * A step unless the timeline already has one at its index. Only a writer holding the
     * transaction's row lock (taken by {@link #COMPARE_AND_SET}) inserts steps, so nothing can slip
     * in between the check and the insert.
     */
    private static final String INSERT_STEP_IF_NEW = "INSERT INTO " + STEP_COLUMNS
            + " SELECT ?, ?, ?, ?, ?, ?, ?, ?"
            + " WHERE NOT EXISTS (SELECT 1 FROM ledger_transition WHERE transaction_id = ? AND step = ?)";

    /** Every column a move can change, if the version is still the one the caller read; locks the row. */
    private static final String COMPARE_AND_SET = "UPDATE ledger_transaction SET state = ?, outcome = ?,"
            + " refund_amount = ?, refund_currency = ?, settlement_reference = ?, version = version + 1"
            + " WHERE id = ? AND version = ?";

    private static final String EXISTS = "SELECT 1 FROM ledger_transaction WHERE id = ?";

    private TransactionWrites() {}

    /** Inserts {@code tx} and its timeline, at the version it carries. */
    static void insert(Connection connection, Transaction tx) throws SQLException {
        OutcomeColumns outcome = OutcomeColumns.of(tx.outcome());
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, tx.id().value());
            insert.setString(2, tx.payer().value());
            insert.setString(3, tx.provider().value());
            insert.setString(4, tx.capability().name());
            insert.setBigDecimal(5, tx.amount().amount());
            insert.setString(6, tx.amount().currency().code());
            insert.setString(7, tx.context());
            insert.setString(8, tx.idempotencyKey().value());
            insert.setString(9, tx.state().name());
            insert.setObject(10, Sql.timestamp(tx.createdAt()));
            insert.setString(11, tx.settlementReference().orElse(null));
            insert.setString(12, outcome.kind());
            insert.setBigDecimal(13, outcome.refundAmount());
            insert.setString(14, outcome.refundCurrency());
            insert.setLong(15, tx.version());
            insert.executeUpdate();
        }
        try (PreparedStatement steps = connection.prepareStatement(INSERT_STEP)) {
            for (int step = 0; step < tx.timeline().size(); step++) {
                bindStep(steps, tx, step);
                steps.addBatch();
            }
            steps.executeBatch();
        }
    }

    /**
     * Writes the changeable columns of {@code tx} and bumps its version, if the stored version is
     * still {@code tx.version()}.
     *
     * @return whether it was, so the row is now {@code tx} (but for the steps {@link #appendNewSteps} adds)
     */
    static boolean compareAndSet(Connection connection, Transaction tx) throws SQLException {
        OutcomeColumns outcome = OutcomeColumns.of(tx.outcome());
        try (PreparedStatement update = connection.prepareStatement(COMPARE_AND_SET)) {
            update.setString(1, tx.state().name());
            update.setString(2, outcome.kind());
            update.setBigDecimal(3, outcome.refundAmount());
            update.setString(4, outcome.refundCurrency());
            update.setString(5, tx.settlementReference().orElse(null));
            update.setString(6, tx.id().value());
            update.setLong(7, tx.version());
            return update.executeUpdate() == 1;
        }
    }

    static boolean exists(Connection connection, TransactionId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(EXISTS)) {
            select.setString(1, id.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /**
     * Inserts the steps of {@code tx}'s timeline that are not stored yet, one batch whatever their
     * number: a timeline only grows, so the stored steps are left as they are.
     *
     * @return the steps inserted, in timeline order (both drivers report each statement's row count)
     */
    static List<Transition> appendNewSteps(Connection connection, Transaction tx) throws SQLException {
        int[] inserted;
        try (PreparedStatement steps = connection.prepareStatement(INSERT_STEP_IF_NEW)) {
            for (int step = 0; step < tx.timeline().size(); step++) {
                bindStep(steps, tx, step);
                steps.setString(9, tx.id().value());
                steps.setInt(10, step);
                steps.addBatch();
            }
            inserted = steps.executeBatch();
        }
        List<Transition> added = new ArrayList<>();
        for (int step = 0; step < inserted.length; step++) {
            if (inserted[step] > 0) {
                added.add(tx.timeline().get(step));
            }
        }
        return added;
    }

    /** The first eight parameters: step {@code step} of {@code tx}'s timeline. */
    private static void bindStep(PreparedStatement statement, Transaction tx, int step) throws SQLException {
        Transition transition = tx.timeline().get(step);
        statement.setString(1, tx.id().value());
        statement.setInt(2, step);
        statement.setString(3, transition.from().map(Enum::name).orElse(null));
        statement.setString(4, transition.to().name());
        statement.setString(5, transition.actor().kind().name());
        statement.setString(6, transition.actor().id());
        statement.setObject(7, Sql.timestamp(transition.at()));
        statement.setString(8, transition.note());
    }
}
