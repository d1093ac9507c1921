package dev.agentmarketplace.core.market;

import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * The hires created in the hour starting at {@code hour}, in one currency, that are now in {@code
 * state}: how many and their summed amount. A hire stays in the hour it was created in; a later
 * move (settle, dispute, resolve) changes only which state it is counted under.
 */
public record HourlyActivity(Instant hour, TransactionState state, long hires, Money amount) {
    public HourlyActivity {
        MarketHours.requireWholeHour(hour);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(amount, "amount");
        if (hires < 0) {
            throw new IllegalArgumentException("hires must not be negative, was " + hires);
        }
    }
}
