package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentStatus;
import dev.agentmarketplace.core.registry.Capability;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The operators' filter over every registered agent, deregistered ones included (issue 12): agents
 * offering {@code capability} (when given), whose {@link AgentStatus} is one of {@code statuses}
 * (every status when empty), priced in {@code currency} at most {@code priceCeiling} (a ceiling
 * brings its currency: prices are compared only within one, issue 11), with a reputation score of
 * at least {@code minReputation}. An agent without reputation counts as the prior mean, as in
 * discovery. Field names of refusals are the names of the filter's inputs.
 */
public record AgentFilter(
        Optional<Capability> capability,
        Set<AgentStatus> statuses,
        Optional<Money> priceCeiling,
        Optional<Currency> currency,
        OptionalDouble minReputation) {
    public static final AgentFilter ALL =
            new AgentFilter(Optional.empty(), Set.of(), Optional.empty(), Optional.empty(), OptionalDouble.empty());

    public AgentFilter {
        capability = capability == null ? Optional.empty() : capability;
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        priceCeiling = priceCeiling == null ? Optional.empty() : priceCeiling;
        if (priceCeiling.filter(Money::isNegative).isPresent()) {
            throw new InvalidValueException("maxPrice", "must not be negative, was " + priceCeiling.get());
        }
        currency = currency == null || currency.isEmpty() ? priceCeiling.map(Money::currency) : currency;
        if (priceCeiling.isPresent() && !priceCeiling.get().currency().equals(currency.get())) {
            throw new InvalidValueException(
                    "currency",
                    "is " + currency.get() + " but the price ceiling is in "
                            + priceCeiling.get().currency());
        }
        minReputation = minReputation == null ? OptionalDouble.empty() : minReputation;
        if (minReputation.isPresent() && !(minReputation.getAsDouble() >= 0 && minReputation.getAsDouble() <= 5)) {
            throw new InvalidValueException(
                    "minReputation", "must be between 0 and 5, was " + minReputation.getAsDouble());
        }
    }

    /** Whether {@code status} passes the status filter. */
    public boolean admits(AgentStatus status) {
        return statuses.isEmpty() || statuses.contains(status);
    }
}
