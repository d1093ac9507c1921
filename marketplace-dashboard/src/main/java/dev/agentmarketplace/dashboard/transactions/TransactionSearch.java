package dev.agentmarketplace.dashboard.transactions;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ledger.PartyRole;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The transactions page's filter form as typed (blank is "any"): read into the core's {@link
 * TransactionFilter}, each refusal kept beside its field. Times are UTC, as a {@code datetime-local}
 * input sends them ({@code 2026-11-26T08:00}) or as ISO-8601 instants.
 */
public record TransactionSearch(String agent, String role, String state, String capability, String from, String to) {

    public TransactionSearch {
        agent = strip(agent);
        role = strip(role);
        state = strip(state);
        capability = strip(capability);
        from = strip(from);
        to = strip(to);
    }

    /** The filter, or the refusals by field when any value is not one. */
    public record Read(Optional<TransactionFilter> filter, FormErrors errors) {}

    public Read read() {
        FormErrors errors = FormErrors.none();
        Optional<AgentId> party = parse(agent, "agent", AgentId::of, errors);
        PartyRole side = parse(role, "role", TransactionSearch::role, errors).orElse(PartyRole.EITHER);
        Optional<TransactionState> inState = parse(state, "state", TransactionSearch::state, errors);
        Optional<Capability> ofCapability = parse(capability, "capability", Capability::of, errors);
        Optional<Instant> since = parse(from, "from", TransactionSearch::instant, errors);
        Optional<Instant> until = parse(to, "to", TransactionSearch::instant, errors);
        if (!errors.isEmpty()) {
            return new Read(Optional.empty(), errors);
        }
        try {
            return new Read(
                    Optional.of(new TransactionFilter(party, side, inState, ofCapability, since, until)), errors);
        } catch (InvalidValueException e) {
            errors.add("to", e);
            return new Read(Optional.empty(), errors);
        }
    }

    /** The states a transaction can be in, for the form's choice. */
    public List<TransactionState> states() {
        return List.of(TransactionState.values());
    }

    /** The non-blank fields as a URL query (without {@code ?}), for links that keep the filter. */
    public String query() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("agent", agent);
        fields.put("role", role);
        fields.put("state", state);
        fields.put("capability", capability);
        fields.put("from", from);
        fields.put("to", to);
        return fields.entrySet().stream()
                .filter(field -> !field.getValue().isEmpty())
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String strip(String raw) {
        return raw == null ? "" : raw.strip();
    }

    private static <T> Optional<T> parse(String raw, String field, Function<String, T> reader, FormErrors errors) {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(reader.apply(raw));
        } catch (InvalidValueException e) {
            errors.add(field, e);
        } catch (IllegalArgumentException e) {
            errors.add(field, e.getMessage());
        }
        return Optional.empty();
    }

    private static PartyRole role(String raw) {
        try {
            return PartyRole.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be payer, provider or either", e);
        }
    }

    private static TransactionState state(String raw) {
        try {
            return TransactionState.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be one of PENDING, SETTLED, CANCELLED, DISPUTED or RESOLVED", e);
        }
    }

    private static Instant instant(String raw) {
        try {
            return raw.endsWith("Z") || raw.endsWith("z")
                    ? Instant.parse(raw.toUpperCase(Locale.ROOT))
                    : LocalDateTime.parse(raw).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a UTC date and time such as 2026-11-26T08:00", e);
        }
    }
}
