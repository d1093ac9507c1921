package dev.agentmarketplace.dashboard.agents;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.discovery.AgentFilter;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Decimals;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentStatus;
import dev.agentmarketplace.core.registry.Capability;
import jakarta.ws.rs.QueryParam;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The agents list's filter as the browser sent it (a bookmarkable GET query string): each field is
 * read on its own, so every bad one is named beside its input at once, and the core's {@link
 * AgentFilter} then checks how they combine.
 */
public class AgentsFilterForm {
    @QueryParam("capability")
    String capability;

    @QueryParam("status")
    List<String> status;

    @QueryParam("currency")
    String currency;

    @QueryParam("maxPrice")
    String maxPrice;

    @QueryParam("minReputation")
    String minReputation;

    @QueryParam("after")
    String after;

    /** The statuses an operator filters by, in the order the form offers them. */
    public static final List<AgentStatus> STATUSES = List.of(AgentStatus.values());

    /** What the form shows back: the values as typed, and a message per refused field. */
    public record Parsed(
            String capability,
            Set<AgentStatus> statuses,
            String currency,
            String maxPrice,
            String minReputation,
            Optional<AgentFilter> filter,
            Optional<AgentId> after,
            Map<String, String> errors) {
        public boolean hasErrors() {
            return !errors.isEmpty();
        }

        public String error(String field) {
            return errors.get(field);
        }

        public boolean invalid(String field) {
            return errors.containsKey(field);
        }

        /** Every status the form offers. */
        public List<AgentStatus> options() {
            return STATUSES;
        }

        public boolean checked(AgentStatus status) {
            return statuses.contains(status);
        }

        /** The filter as a query string ending in {@code &} (or empty), to which a page link adds {@code after}. */
        public String query() {
            StringBuilder query = new StringBuilder();
            append(query, "capability", capability);
            statuses.stream().sorted().forEach(status -> append(query, "status", status.name()));
            append(query, "currency", currency);
            append(query, "maxPrice", maxPrice);
            append(query, "minReputation", minReputation);
            return query.toString();
        }

        private static void append(StringBuilder query, String name, String value) {
            if (!value.isEmpty()) {
                query.append(name)
                        .append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                        .append('&');
            }
        }
    }

    Parsed parse() {
        Map<String, String> errors = new LinkedHashMap<>();
        String capabilityText = blankToEmpty(capability);
        String currencyText = blankToEmpty(currency).toUpperCase(Locale.ROOT);
        String maxPriceText = blankToEmpty(maxPrice);
        String minReputationText = blankToEmpty(minReputation);
        Optional<Capability> wanted = read(errors, "capability", capabilityText, () -> Capability.of(capabilityText));
        Set<AgentStatus> statuses = statuses(errors);
        Optional<Currency> unit = read(errors, "currency", currencyText, () -> Currency.of(currencyText));
        Optional<Money> ceiling = Optional.empty();
        if (!maxPriceText.isEmpty()) {
            if (currencyText.isEmpty()) {
                errors.put("maxPrice", "needs a currency: prices are compared only within one");
            } else if (unit.isPresent()) {
                ceiling = read(errors, "maxPrice", maxPriceText, () -> Money.of(maxPriceText, currencyText));
            }
        }
        Optional<Double> minimum = read(
                errors,
                "minReputation",
                minReputationText,
                () -> Decimals.parse("minReputation", minReputationText).doubleValue());
        Optional<AgentId> cursor = read(errors, "after", blankToEmpty(after), () -> AgentId.of(after.strip()));
        Optional<AgentFilter> filter = Optional.empty();
        if (errors.isEmpty()) {
            Optional<Money> priceCeiling = ceiling;
            filter = read(
                    errors,
                    "filter",
                    "any",
                    () -> new AgentFilter(
                            wanted,
                            statuses,
                            priceCeiling,
                            unit,
                            minimum.map(OptionalDouble::of).orElse(OptionalDouble.empty())));
        }
        return new Parsed(
                capabilityText,
                statuses,
                currencyText,
                maxPriceText,
                minReputationText,
                filter,
                cursor,
                Map.copyOf(errors));
    }

    private Set<AgentStatus> statuses(Map<String, String> errors) {
        Set<AgentStatus> chosen = EnumSet.noneOf(AgentStatus.class);
        List<String> unknown = new ArrayList<>();
        for (String name : status == null ? List.<String>of() : status) {
            if (name == null || name.isBlank()) {
                continue;
            }
            try {
                chosen.add(AgentStatus.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            errors.put("status", "must be one of " + STATUSES + ", not " + String.join(", ", unknown));
        }
        return chosen;
    }

    /**
     * The value {@code reading} makes of {@code text}, or empty for a blank field; a refusal is
     * recorded beside {@code field}, or beside the field the core named when it is another input of
     * this form (a currency that contradicts the price ceiling, say).
     */
    private static <T> Optional<T> read(Map<String, String> errors, String field, String text, Supplier<T> reading) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(reading.get());
        } catch (InvalidValueException refused) {
            String named = FIELDS.contains(refused.field()) ? refused.field() : field;
            errors.putIfAbsent(named, messageOf(refused));
            return Optional.empty();
        }
    }

    private static final Set<String> FIELDS = Set.of("capability", "status", "currency", "maxPrice", "minReputation");

    /** The core's message without its leading "field: ", which the page shows beside that field. */
    private static String messageOf(InvalidValueException refused) {
        String prefix = refused.field() + ": ";
        String message = refused.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
