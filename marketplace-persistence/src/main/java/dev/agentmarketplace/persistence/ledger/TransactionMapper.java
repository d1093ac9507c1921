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
import java.util.Optional;

/**
 * Explicit mapping from the rows to the core's {@link Transaction}, so no entity leaves this module;
 * {@link TransactionWrites} maps the other way.
 */
final class TransactionMapper {
    private TransactionMapper() {}

    static Transaction toDomain(TransactionEntity entity) {
        return new Transaction(
                TransactionId.of(entity.id),
                AgentId.of(entity.payerId),
                AgentId.of(entity.providerId),
                Capability.of(entity.capability),
                // The column holds 18 decimals; Money brings the amount back to its currency's scale.
                Money.of(entity.amount, Currency.of(entity.currency)),
                entity.context,
                IdempotencyKey.of(entity.idempotencyKey),
                TransactionState.valueOf(entity.state),
                entity.timeline.stream().map(TransactionMapper::toDomain).toList(),
                Optional.ofNullable(entity.settlementReference),
                new OutcomeColumns(entity.outcome, entity.refundAmount, entity.refundCurrency).toDomain(),
                entity.version);
    }

    private static Transition toDomain(TransitionRow row) {
        return new Transition(
                Optional.ofNullable(row.fromState).map(TransactionState::valueOf),
                TransactionState.valueOf(row.toState),
                new Actor(Actor.Kind.valueOf(row.actorKind), row.actorId),
                row.occurredAt,
                row.note);
    }
}
