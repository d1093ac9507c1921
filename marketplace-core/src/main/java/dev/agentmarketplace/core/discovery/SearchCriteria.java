package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A search: agents offering any of {@code anyOf}, priced in {@code currency} (when given) at most
 * {@code priceCeiling} (whose currency is then the search's), whose effective availability is in
 * {@code availability}, with a reputation score of at least {@code minReputation}; sorted, one page
 * of at most {@code limit}. Prices are compared only within one currency (issue 11): {@link
 * AgentDiscovery#search} needs a currency to sort by {@link SearchSort#PRICE}, and a price cursor
 * belongs to its currency.
 */
public record SearchCriteria(
        Set<Capability> anyOf,
        Optional<Money> priceCeiling,
        Optional<Currency> currency,
        Set<Availability> availability,
        OptionalDouble minReputation,
        SearchSort sort,
        Optional<SearchCursor> after,
        int limit) {
    public static final int MAX_CAPABILITIES = 20;
    public static final int MAX_LIMIT = 200;

    public SearchCriteria {
        if (anyOf == null || anyOf.isEmpty()) {
            throw new InvalidValueException("capabilities", "at least one capability is required");
        }
        if (anyOf.size() > MAX_CAPABILITIES) {
            throw new InvalidValueException("capabilities", "at most " + MAX_CAPABILITIES + " capabilities");
        }
        anyOf = Set.copyOf(anyOf);
        priceCeiling = priceCeiling == null ? Optional.empty() : priceCeiling;
        if (priceCeiling.filter(Money::isNegative).isPresent()) {
            throw new InvalidValueException("priceCeiling", "must not be negative, was " + priceCeiling.get());
        }
        currency = currency == null || currency.isEmpty() ? priceCeiling.map(Money::currency) : currency;
        if (priceCeiling.isPresent() && !priceCeiling.get().currency().equals(currency.get())) {
            throw new InvalidValueException(
                    "currency",
                    "is " + currency.get() + " but the price ceiling is in "
                            + priceCeiling.get().currency());
        }
        if (availability == null || availability.isEmpty()) {
            throw new InvalidValueException("availability", "at least one availability is required");
        }
        availability = Set.copyOf(EnumSet.copyOf(availability));
        minReputation = minReputation == null ? OptionalDouble.empty() : minReputation;
        if (minReputation.isPresent() && !(minReputation.getAsDouble() >= 0 && minReputation.getAsDouble() <= 5)) {
            throw new InvalidValueException(
                    "minReputation", "must be between 0 and 5, was " + minReputation.getAsDouble());
        }
        Objects.requireNonNull(sort, "sort");
        after = after == null ? Optional.empty() : after;
        if (after.isPresent() && after.get().sort() != sort) {
            throw new InvalidValueException(
                    "cursor", "was made for sort " + after.get().sort() + ", not " + sort);
        }
        if (after.orElse(null) instanceof SearchCursor.ByPrice byPrice
                && currency.isPresent()
                && !byPrice.price().currency().equals(currency.get())) {
            throw new InvalidValueException(
                    "cursor", "was made for currency " + byPrice.price().currency() + ", not " + currency.get());
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** A search in any currency, or in the price ceiling's when there is one. */
    public SearchCriteria(
            Set<Capability> anyOf,
            Optional<Money> priceCeiling,
            Set<Availability> availability,
            OptionalDouble minReputation,
            SearchSort sort,
            Optional<SearchCursor> after,
            int limit) {
        this(anyOf, priceCeiling, Optional.empty(), availability, minReputation, sort, after, limit);
    }

    /** Every agent offering {@code capability} with one of {@code availability}, in any currency. */
    public static SearchCriteria of(Set<Capability> anyOf, Set<Availability> availability, SearchSort sort, int limit) {
        return of(anyOf, availability, Optional.empty(), sort, limit);
    }

    /** Every agent offering {@code capability} with one of {@code availability}, priced in {@code currency} if given. */
    public static SearchCriteria of(
            Set<Capability> anyOf,
            Set<Availability> availability,
            Optional<Currency> currency,
            SearchSort sort,
            int limit) {
        return new SearchCriteria(
                anyOf, Optional.empty(), currency, availability, OptionalDouble.empty(), sort, Optional.empty(), limit);
    }

    public SearchCriteria continuingAfter(SearchCursor cursor) {
        return new SearchCriteria(
                anyOf, priceCeiling, currency, availability, minReputation, sort, Optional.of(cursor), limit);
    }
}
