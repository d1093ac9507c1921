package dev.agentmarketplace.core.market;

import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The market at {@code at}, as {@link MarketOverview} defines each figure.
 *
 * @param windowStart the first hour of the window: the 24 whole UTC hours ending with the current one
 * @param windowEnd the end of the current hour
 * @param agents registered agents and those effectively ONLINE
 * @param hiresLastHour hires created in the 60 minutes before {@code at}, whatever became of them
 * @param volume per currency, the amounts of the window's hires that were not cancelled
 * @param volumeAllTime the same for every hire ever made
 * @param settlementRate of the window's hires that left PENDING, those now SETTLED
 * @param disputeRate of the window's hires that left PENDING, those now DISPUTED or RESOLVED
 * @param feeRevenue per currency, what the platform-fees account gained in the window (net of refunds)
 * @param feeRevenueAllTime the platform-fees account's balance
 * @param series one point per hour of the window, oldest first, hours without hires included
 * @param transactionsByState every transaction by its current state, every state present
 * @param topCapabilities capabilities by hires created in the window, most first
 */
public record MarketSnapshot(
        Instant at,
        Instant windowStart,
        Instant windowEnd,
        AgentCounts agents,
        long hiresLastHour,
        Map<Currency, Money> volume,
        Map<Currency, Money> volumeAllTime,
        Rate settlementRate,
        Rate disputeRate,
        Map<Currency, Money> feeRevenue,
        Map<Currency, Money> feeRevenueAllTime,
        List<HourPoint> series,
        Map<TransactionState, Long> transactionsByState,
        List<CapabilityDemand> topCapabilities) {
    public MarketSnapshot {
        Objects.requireNonNull(at, "at");
        MarketHours.requireWholeHour(windowStart);
        MarketHours.requireWholeHour(windowEnd);
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(settlementRate, "settlementRate");
        Objects.requireNonNull(disputeRate, "disputeRate");
        volume = byCode(volume);
        volumeAllTime = byCode(volumeAllTime);
        feeRevenue = byCode(feeRevenue);
        feeRevenueAllTime = byCode(feeRevenueAllTime);
        series = List.copyOf(series);
        Map<TransactionState, Long> states = new EnumMap<>(TransactionState.class);
        for (TransactionState state : TransactionState.values()) {
            states.put(state, transactionsByState.getOrDefault(state, 0L));
        }
        transactionsByState = Collections.unmodifiableMap(states);
        topCapabilities = List.copyOf(topCapabilities);
    }

    /** Every transaction ever created. */
    public long transactions() {
        return transactionsByState.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The currencies the window's series has volume in, by code. */
    public List<Currency> seriesCurrencies() {
        return series.stream()
                .flatMap(point -> point.volume().keySet().stream())
                .distinct()
                .sorted(Comparator.comparing(Currency::code))
                .toList();
    }

    /** Amounts per currency in the order of their codes, so pages and tests see one order. */
    static Map<Currency, Money> byCode(Map<Currency, Money> amounts) {
        Map<Currency, Money> sorted = new LinkedHashMap<>();
        amounts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(Currency::code)))
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return Collections.unmodifiableMap(sorted);
    }
}
