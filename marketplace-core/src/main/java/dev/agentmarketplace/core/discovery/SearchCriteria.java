package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A search: agents offering any of {@code anyOf}, priced at most {@code priceCeiling} (which also
 * restricts to its currency), whose effective availability is in {@code availability}, with a
 * reputation score of at least {@code minReputation}; sorted, one page of at most {@code limit}.
 */
public record SearchCriteria(
        Set<Capability> anyOf,
        Optional<Money> priceCeiling,
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
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** Every agent offering {@code capability} with one of {@code availability}, best reputation first. */
    public static SearchCriteria of(Set<Capability> anyOf, Set<Availability> availability, SearchSort sort, int limit) {
        return new SearchCriteria(
                anyOf, Optional.empty(), availability, OptionalDouble.empty(), sort, Optional.empty(), limit);
    }

    public SearchCriteria continuingAfter(SearchCursor cursor) {
        return new SearchCriteria(anyOf, priceCeiling, availability, minReputation, sort, Optional.of(cursor), limit);
    }
}
