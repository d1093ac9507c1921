package dev.agentmarketplace.api.discovery;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.discovery.AgentDiscovery;
import dev.agentmarketplace.core.discovery.SearchCriteria;
import dev.agentmarketplace.core.discovery.SearchCursor;
import dev.agentmarketplace.core.discovery.SearchSort;
import dev.agentmarketplace.core.discovery.SelectionStrategy;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Decimals;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Discovery's query parameters read into core values. A refused value is reported under the
 * parameter's name as the client spelled it ({@code maxPrice}, not the core's {@code priceCeiling}),
 * so a problem's field errors point at the request.
 */
final class DiscoveryParameters {
    static final String DEFAULT_WINDOW = "PT24H";
    static final int DEFAULT_RECOMMENDATIONS = 10;

    /** The core's name of a search criterion, and the query parameter it comes from. */
    private static final Map<String, String> SEARCH_PARAMETERS =
            Map.of("capabilities", "capability", "priceCeiling", "maxPrice", "cursor", "after");

    private DiscoveryParameters() {}

    static SearchCriteria search(
            List<String> capabilities,
            String maxPrice,
            String currency,
            List<String> availability,
            String minReputation,
            String sort,
            String after,
            int limit) {
        Set<Capability> anyOf = capabilities(capabilities);
        Optional<Currency> unit = currency(currency);
        Optional<Money> ceiling = priceCeiling(maxPrice, unit);
        Set<Availability> states = availability(availability);
        OptionalDouble reputation = minReputation(minReputation);
        SearchSort order = sort == null ? SearchSort.REPUTATION : named("sort", SearchSort.class, sort);
        Optional<SearchCursor> cursor =
                Optional.ofNullable(after).map(token -> read("after", () -> SearchCursor.parse(token)));
        try {
            return new SearchCriteria(anyOf, ceiling, unit, states, reputation, order, cursor, limit);
        } catch (InvalidValueException e) {
            throw renamed(SEARCH_PARAMETERS.getOrDefault(e.field(), e.field()), e);
        }
    }

    /** The optional {@code currency} parameter: prices are compared only within one currency. */
    static Optional<Currency> currency(String raw) {
        return Optional.ofNullable(raw).map(code -> read("currency", () -> Currency.of(code)));
    }

    static Capability capability(String raw) {
        return read("capability", () -> Capability.of(raw));
    }

    /** How many recommendations, checked here too so that the error names {@code limit}, the parameter. */
    static int recommendations(String limit) {
        if (limit == null) {
            return DEFAULT_RECOMMENDATIONS;
        }
        long topN = wholeNumber("limit", limit);
        if (topN < 1 || topN > AgentDiscovery.MAX_RECOMMENDATIONS) {
            throw new InvalidValueException(
                    "limit", "must be between 1 and " + AgentDiscovery.MAX_RECOMMENDATIONS + ", was " + topN);
        }
        return (int) topN;
    }

    /** {@code true} or {@code false} only: anything else is a mistake, not a silent {@code false}. */
    static boolean flag(String parameter, String raw) {
        if (raw == null) {
            return false;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidValueException(parameter, "must be true or false, was '" + raw + "'");
        };
    }

    static SelectionStrategy strategy(String strategy, String seed) {
        if (strategy == null) {
            throw new InvalidValueException("strategy", "is required: ROUND_ROBIN, LEAST_LOADED or RANDOM");
        }
        Strategy named = named("strategy", Strategy.class, strategy);
        if (seed != null && named != Strategy.RANDOM) {
            throw new InvalidValueException("seed", "only the RANDOM strategy takes a seed");
        }
        return switch (named) {
            case ROUND_ROBIN -> new SelectionStrategy.RoundRobin();
            case LEAST_LOADED -> new SelectionStrategy.LeastLoaded();
            case RANDOM ->
                seed == null
                        ? SelectionStrategy.Random.unseeded()
                        : SelectionStrategy.Random.seeded(wholeNumber("seed", seed));
        };
    }

    static Duration window(String raw) {
        String text = raw == null ? DEFAULT_WINDOW : raw.strip();
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("window", "must be an ISO 8601 duration such as PT24H, was '" + raw + "'");
        }
    }

    /** The strategies as clients name them. */
    enum Strategy {
        ROUND_ROBIN,
        LEAST_LOADED,
        RANDOM
    }

    private static Set<Capability> capabilities(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidValueException("capability", "at least one capability is required");
        }
        Set<Capability> anyOf = new LinkedHashSet<>();
        raw.forEach(name -> anyOf.add(capability(name)));
        return anyOf;
    }

    /** {@code maxPrice} is an amount in {@code currency}, which may also come alone. */
    private static Optional<Money> priceCeiling(String maxPrice, Optional<Currency> currency) {
        if (maxPrice == null) {
            return Optional.empty();
        }
        if (currency.isEmpty()) {
            throw new InvalidValueException("currency", "is required with maxPrice, the currency of its amount");
        }
        return Optional.of(
                read("maxPrice", () -> Money.of(maxPrice, currency.get().code())));
    }

    /** No {@code availability} parameter means no availability filter. */
    private static Set<Availability> availability(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            return EnumSet.allOf(Availability.class);
        }
        Set<Availability> states = EnumSet.noneOf(Availability.class);
        raw.forEach(name -> states.add(named("availability", Availability.class, name)));
        return states;
    }

    private static OptionalDouble minReputation(String raw) {
        if (raw == null) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Decimals.parse("minReputation", raw).doubleValue());
        } catch (InvalidValueException e) {
            throw new InvalidValueException(
                    "minReputation", "must be a number from 0 to 5, was " + Decimals.shown(raw));
        }
    }

    private static <E extends Enum<E>> E named(String parameter, Class<E> type, String raw) {
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(
                    parameter, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", was '" + raw + "'");
        }
    }

    private static long wholeNumber(String parameter, String raw) {
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValueException(parameter, "must be a whole number, was '" + raw + "'");
        }
    }

    private static <T> T read(String parameter, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidValueException e) {
            throw renamed(parameter, e);
        }
    }

    /** The same refusal, under the parameter's name; the message drops the core's own field prefix. */
    private static InvalidValueException renamed(String parameter, InvalidValueException e) {
        String prefix = e.field() + ": ";
        String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        return new InvalidValueException(parameter, message);
    }
}
