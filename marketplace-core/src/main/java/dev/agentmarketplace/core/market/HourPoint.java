package dev.agentmarketplace.core.market;

import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import java.time.Instant;
import java.util.Map;

/** One hour of the series: hires created in it and their volume per currency (cancelled hires excluded from volume). */
public record HourPoint(Instant hour, long hires, Map<Currency, Money> volume) {
    public HourPoint {
        MarketHours.requireWholeHour(hour);
        volume = MarketSnapshot.byCode(volume);
    }

    /** The volume in {@code currency}, zero when there was none. */
    public Money volumeIn(Currency currency) {
        return volume.getOrDefault(currency, Money.zero(currency));
    }
}
