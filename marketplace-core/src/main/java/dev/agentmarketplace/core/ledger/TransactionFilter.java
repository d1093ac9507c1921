package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which transactions a history query wants; every present criterion must hold. The time range
 * {@code [from, to)} applies to when the transaction was created.
 */
public record TransactionFilter(
        Optional<AgentId> agent,
        PartyRole role,
        Optional<TransactionState> state,
        Optional<Capability> capability,
        Optional<Instant> from,
        Optional<Instant> to) {
    public static final TransactionFilter ALL = new TransactionFilter(
            Optional.empty(), PartyRole.EITHER, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public TransactionFilter {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new InvalidValueException("from", "must be before 'to', was " + from.get() + " / " + to.get());
        }
    }

    public TransactionFilter withAgent(AgentId value, PartyRole side) {
        return new TransactionFilter(Optional.of(value), side, state, capability, from, to);
    }

    public TransactionFilter withState(TransactionState value) {
        return new TransactionFilter(agent, role, Optional.of(value), capability, from, to);
    }

    public TransactionFilter withCapability(Capability value) {
        return new TransactionFilter(agent, role, state, Optional.of(value), from, to);
    }

    public TransactionFilter between(Instant fromInclusive, Instant toExclusive) {
        return new TransactionFilter(
                agent, role, state, capability, Optional.of(fromInclusive), Optional.of(toExclusive));
    }

    /** The filter as a predicate, for adapters that filter in memory and for tests. */
    public boolean matches(Transaction transaction) {
        boolean party = agent.map(value -> switch (role) {
                    case PAYER -> transaction.payer().equals(value);
                    case PROVIDER -> transaction.provider().equals(value);
                    case EITHER -> transaction.involves(value);
                })
                .orElse(true);
        return party
                && state.map(value -> transaction.state() == value).orElse(true)
                && capability
                        .map(value -> transaction.capability().equals(value))
                        .orElse(true)
                && from.map(value -> !transaction.createdAt().isBefore(value)).orElse(true)
                && to.map(value -> transaction.createdAt().isBefore(value)).orElse(true);
    }
}
