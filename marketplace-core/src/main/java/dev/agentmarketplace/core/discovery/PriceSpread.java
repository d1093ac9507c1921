package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.money.Money;
import java.util.Objects;

/**
 * Prices asked in one currency. The median of an even number of prices is the lower of the two
 * middle ones: a price somebody actually asks, exact at the currency's scale.
 */
public record PriceSpread(Money min, Money median, Money max) {
    public PriceSpread {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(median, "median");
        Objects.requireNonNull(max, "max");
        if (min.isGreaterThan(median) || median.isGreaterThan(max)) {
            throw new IllegalArgumentException("needs min <= median <= max, was " + min + ", " + median + ", " + max);
        }
    }
}
