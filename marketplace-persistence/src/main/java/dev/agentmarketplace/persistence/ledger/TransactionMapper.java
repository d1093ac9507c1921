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

/** Explicit mapping between the core's {@link Transaction} and its rows, so no entity leaves this module. */
final class TransactionMapper {
    private TransactionMapper() {}

    static TransactionEntity toNewEntity(Transaction tx) {
        TransactionEntity entity = new TransactionEntity();
        entity.id = tx.id().value();
        entity.payerId = tx.payer().value();
        entity.providerId = tx.provider().value();
        entity.capability = tx.capability().name();
        entity.amount = tx.amount().amount();
        entity.currency = tx.amount().currency().code();
        entity.context = tx.context();
        entity.idempotencyKey = tx.idempotencyKey().value();
        entity.createdAt = tx.createdAt();
        copyChangeable(tx, entity);
        return entity;
    }

    /**
     * The state, reference, outcome and version, plus the steps the entity does not have yet: a
     * timeline only grows, so the rows already stored stay untouched.
     */
    static void copyChangeable(Transaction tx, TransactionEntity entity) {
        entity.state = tx.state().name();
        entity.settlementReference = tx.settlementReference().orElse(null);
        OutcomeColumns outcome = OutcomeColumns.of(tx.outcome());
        entity.outcome = outcome.kind();
        entity.refundAmount = outcome.refundAmount();
        entity.refundCurrency = outcome.refundCurrency();
        for (int step = entity.timeline.size(); step < tx.timeline().size(); step++) {
            entity.timeline.add(toRow(tx.timeline().get(step)));
        }
        entity.version = tx.version();
    }

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

    private static TransitionRow toRow(Transition step) {
        TransitionRow row = new TransitionRow();
        row.fromState = step.from().map(Enum::name).orElse(null);
        row.toState = step.to().name();
        row.actorKind = step.actor().kind().name();
        row.actorId = step.actor().id();
        row.occurredAt = step.at();
        row.note = step.note();
        return row;
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
