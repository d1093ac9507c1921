package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Supply and demand of one capability: registered agents offering it (deregistered ones excluded),
 * those effectively ONLINE now and their summed capacity, the spread of prices per currency, and
 * the hires and volume of {@code [from, to)}.
 */
public record CapabilityAnalytics(
        Capability capability,
        long agentsOffering,
        long agentsOnline,
        long onlineCapacityPerHour,
        Map<Currency, PriceSpread> prices,
        Instant from,
        Instant to,
        long hires,
        Map<Currency, Money> volume) {
    public CapabilityAnalytics {
        Objects.requireNonNull(capability, "capability");
        prices = Map.copyOf(prices);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        volume = Map.copyOf(volume);
    }
}
