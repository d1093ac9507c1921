package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.ShownText;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A hire: the payer pays the provider {@code amount} for one task of {@code capability}. The
 * timeline records every transition; the first is the hire itself (PENDING).
 */
public record Transaction(
        TransactionId id,
        AgentId payer,
        AgentId provider,
        Capability capability,
        Money amount,
        String context,
        IdempotencyKey idempotencyKey,
        TransactionState state,
        List<Transition> timeline,
        Optional<String> settlementReference,
        Optional<DisputeOutcome> outcome,
        long version) {
    public static final int MAX_CONTEXT_LENGTH = 4096;

    public Transaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(amount, "amount");
        context = context == null ? "" : ShownText.multiline("context", context);
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(state, "state");
        timeline = List.copyOf(timeline);
        if (timeline.isEmpty()) {
            throw new IllegalArgumentException("a transaction's timeline starts with its hire");
        }
        settlementReference = settlementReference == null ? Optional.empty() : settlementReference;
        outcome = outcome == null ? Optional.empty() : outcome;
    }

    public Instant createdAt() {
        return timeline.getFirst().at();
    }

    /** When it was settled, if it ever was. */
    public Optional<Instant> settledAt() {
        return timeline.stream()
                .filter(step -> step.to() == TransactionState.SETTLED)
                .map(Transition::at)
                .findFirst();
    }

    public boolean wasDisputed() {
        return timeline.stream().anyMatch(step -> step.to() == TransactionState.DISPUTED);
    }

    public boolean involves(AgentId agent) {
        return payer.equals(agent) || provider.equals(agent);
    }

    /** This transaction after {@code step}, which the caller has checked against {@link TransitionTable}. */
    Transaction after(Transition step, Optional<String> reference, Optional<DisputeOutcome> result) {
        List<Transition> steps = new ArrayList<>(timeline);
        steps.add(step);
        return new Transaction(
                id,
                payer,
                provider,
                capability,
                amount,
                context,
                idempotencyKey,
                step.to(),
                steps,
                reference.or(() -> settlementReference),
                result.or(() -> outcome),
                version);
    }
}
