package dev.agentmarketplace.core.market;

import dev.agentmarketplace.core.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * What the platform's fee account gained in the hour starting at {@code hour}, in one currency:
 * the sum of its journal postings whose entry occurred in that hour. A refund gives fees back, so
 * an hour may be negative.
 */
public record HourlyFees(Instant hour, Money amount) {
    public HourlyFees {
        MarketHours.requireWholeHour(hour);
        Objects.requireNonNull(amount, "amount");
    }
}
