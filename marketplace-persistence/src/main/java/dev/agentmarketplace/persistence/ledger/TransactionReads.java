package dev.agentmarketplace.persistence.ledger;

import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.ledger.Transition;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.persistence.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reads of one transaction that every move makes, as plain JDBC on the caller's connection
 * (issue 13: through Hibernate, loading the entity and its timeline cost more than the query). A
 * transaction and its timeline come in one statement, a row per step; being no entity, what they
 * return is always what the database holds, never a session's copy.
 */
final class TransactionReads {
    private static final String WITH_TIMELINE = "SELECT t.id, t.payer_id, t.provider_id, t.capability, t.amount,"
            + " t.currency, t.context, t.idempotency_key, t.state, t.settlement_reference, t.outcome, t.refund_amount,"
            + " t.refund_currency, t.version, s.from_state, s.to_state, s.actor_kind, s.actor_id, s.occurred_at, s.note"
            + " FROM ledger_transaction t LEFT JOIN ledger_transition s ON s.transaction_id = t.id";

    private static final String BY_ID = WITH_TIMELINE + " WHERE t.id = ? ORDER BY s.step";

    /** The unique key's two columns, so the plan is that key's index whatever the statistics say. */
    private static final String BY_IDEMPOTENCY_KEY =
            WITH_TIMELINE + " WHERE t.payer_id = ? AND t.idempotency_key = ? ORDER BY s.step";

    private static final String PARTIES = "SELECT payer_id, provider_id FROM ledger_transaction WHERE id = ?";

    private TransactionReads() {}

    static Optional<Transaction> byId(Connection connection, TransactionId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(BY_ID)) {
            select.setString(1, id.value());
            return read(select);
        }
    }

    static Optional<Transaction> byIdempotencyKey(Connection connection, AgentId payer, IdempotencyKey key)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(BY_IDEMPOTENCY_KEY)) {
            select.setString(1, payer.value());
            select.setString(2, key.value());
            return read(select);
        }
    }

    /** Payer and provider, in that order; empty for an unknown transaction. */
    static List<AgentId> parties(Connection connection, TransactionId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(PARTIES)) {
            select.setString(1, id.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? List.of(AgentId.of(row.getString(1)), AgentId.of(row.getString(2))) : List.of();
            }
        }
    }

    private static Optional<Transaction> read(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            Header header = Header.read(rows);
            List<Transition> timeline = new ArrayList<>();
            do {
                timeline.add(step(rows));
            } while (rows.next());
            return Optional.of(header.with(timeline));
        }
    }

    /** The transaction's own columns, the same on each of its rows. */
    private record Header(
            TransactionId id,
            AgentId payer,
            AgentId provider,
            Capability capability,
            Money amount,
            String context,
            IdempotencyKey key,
            TransactionState state,
            Optional<String> settlementReference,
            OutcomeColumns outcome,
            long version) {

        static Header read(ResultSet row) throws SQLException {
            return new Header(
                    TransactionId.of(row.getString("id")),
                    AgentId.of(row.getString("payer_id")),
                    AgentId.of(row.getString("provider_id")),
                    Capability.of(row.getString("capability")),
                    // The column holds 18 decimals; Money brings the amount back to its currency's scale.
                    Money.of(row.getBigDecimal("amount"), Currency.of(row.getString("currency"))),
                    row.getString("context"),
                    IdempotencyKey.of(row.getString("idempotency_key")),
                    TransactionState.valueOf(row.getString("state")),
                    Optional.ofNullable(row.getString("settlement_reference")),
                    new OutcomeColumns(
                            row.getString("outcome"),
                            row.getBigDecimal("refund_amount"),
                            row.getString("refund_currency")),
                    row.getLong("version"));
        }

        Transaction with(List<Transition> timeline) {
            return new Transaction(
                    id,
                    payer,
                    provider,
                    capability,
                    amount,
                    context,
                    key,
                    state,
                    timeline,
                    settlementReference,
                    outcome.toDomain(),
                    version);
        }
    }

    private static Transition step(ResultSet row) throws SQLException {
        return new Transition(
                Optional.ofNullable(row.getString("from_state")).map(TransactionState::valueOf),
                TransactionState.valueOf(row.getString("to_state")),
                new Actor(Actor.Kind.valueOf(row.getString("actor_kind")), row.getString("actor_id")),
                Sql.instant(row, "occurred_at"),
                row.getString("note"));
    }
}
