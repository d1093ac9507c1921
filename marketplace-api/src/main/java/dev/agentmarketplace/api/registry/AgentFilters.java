package dev.agentmarketplace.api.registry;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.discovery.SearchCriteria;
import dev.agentmarketplace.core.discovery.SearchCursor;
import dev.agentmarketplace.core.discovery.SearchSort;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Decimals;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Availability;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The filters of the agent listing as query parameters give them. With none the listing is the
 * registry in id order; with any, it is a discovery search, which needs at least one capability.
 */
record AgentFilters(
        List<String> capabilities,
        String maxPrice,
        String currency,
        List<String> availability,
        String minReputation,
        String sort) {

    /** Every availability: a listing shows busy and offline agents too unless asked not to. */
    static final Set<Availability> DEFAULT_AVAILABILITY = EnumSet.allOf(Availability.class);

    static final SearchSort DEFAULT_SORT = SearchSort.REPUTATION;

    AgentFilters {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        availability = availability == null ? List.of() : List.copyOf(availability);
    }

    boolean any() {
        return !capabilities.isEmpty()
                || maxPrice != null
                || currency != null
                || !availability.isEmpty()
                || minReputation != null
                || sort != null;
    }

    /** The search these filters ask for, continuing after the cursor {@code after} if one is given. */
    SearchCriteria criteria(String after, int limit) {
        if (capabilities.isEmpty()) {
            throw new InvalidValueException(
                    "capability", "filtering the agents needs at least one capability to search by");
        }
        return new SearchCriteria(
                Inputs.capabilities("capability", capabilities),
                priceCeiling(),
                Optional.ofNullable(currency).map(code -> Inputs.as("currency", () -> Currency.of(code))),
                availability.isEmpty() ? DEFAULT_AVAILABILITY : availabilities(),
                minimumReputation(),
                order(),
                Optional.ofNullable(after).map(token -> Inputs.as("after", () -> SearchCursor.parse(token))),
                limit);
    }

    private Optional<Money> priceCeiling() {
        if (maxPrice == null) {
            return Optional.empty();
        }
        if (currency == null) {
            throw new InvalidValueException("currency", "is required with maxPrice");
        }
        Currency ceilingCurrency = Inputs.as("currency", () -> Currency.of(currency));
        return Optional.of(Inputs.as("maxPrice", () -> Money.of(maxPrice, ceilingCurrency.code())));
    }

    private Set<Availability> availabilities() {
        Set<Availability> wanted = EnumSet.noneOf(Availability.class);
        availability.forEach(value -> wanted.add(Inputs.availability("availability", value)));
        return wanted;
    }

    private OptionalDouble minimumReputation() {
        if (minReputation == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Decimals.parse("minReputation", minReputation).doubleValue());
    }

    private SearchSort order() {
        if (sort == null) {
            return DEFAULT_SORT;
        }
        try {
            return SearchSort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(
                    "sort", "'" + sort + "' is not one of " + Arrays.toString(SearchSort.values()));
        }
    }
}
