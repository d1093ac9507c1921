package dev.agentmarketplace.api.transactions;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.ledger.PartyRole;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The query parameters shared by the listing and the export, read into a core filter. */
public record HistoryParameters(String agent, String role, String state, String capability, String from, String to) {

    /**
     * The filter this caller may run: an agent sees only transactions it is a party to, so the
     * filter's agent is always its own (naming another is refused); an operator sees every
     * transaction and may narrow them to one agent.
     */
    public TransactionFilter filterFor(Caller caller) {
        Optional<AgentId> named = parse(agent, "agent", AgentId::of);
        Optional<AgentId> party = caller.isOperator()
                ? named
                : Optional.of(named.map(caller::requireSelf).orElseGet(caller::requireAgent));
        return new TransactionFilter(
                party,
                parse(role, "role", HistoryParameters::role).orElse(PartyRole.EITHER),
                parse(state, "state", HistoryParameters::state),
                parse(capability, "capability", Capability::of),
                parse(from, "from", HistoryParameters::instant),
                parse(to, "to", HistoryParameters::instant));
    }

    /** Blank is absent; a core value type refuses a bad value itself, naming its own field. */
    private static <T> Optional<T> parse(String raw, String field, Function<String, T> reader) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(reader.apply(raw.strip()));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, "'" + raw + "' is not " + e.getMessage());
        }
    }

    private static PartyRole role(String raw) {
        return enumValue(PartyRole.class, raw, "payer, provider or either");
    }

    private static TransactionState state(String raw) {
        return enumValue(TransactionState.class, raw, "one of " + Arrays.toString(TransactionState.values()));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String raw, String expected) {
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(expected, e);
        }
    }

    private static Instant instant(String raw) {
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("an ISO-8601 instant such as 2026-01-31T12:00:00Z", e);
        }
    }
}
