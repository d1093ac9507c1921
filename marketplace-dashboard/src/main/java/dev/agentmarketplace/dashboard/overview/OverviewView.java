package dev.agentmarketplace.dashboard.overview;

import dev.agentmarketplace.core.market.MarketSnapshot;
import dev.agentmarketplace.core.market.Rate;
import dev.agentmarketplace.core.money.Money;
import io.quarkus.qute.RawString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the overview template shows: the snapshot's figures as text and its charts as SVG markup
 * (escaped by {@code SvgCharts}, so the template inserts it raw).
 */
public record OverviewView(
        MarketSnapshot snapshot,
        List<String> volume,
        List<String> volumeAllTime,
        List<String> feeRevenue,
        List<String> feeRevenueAllTime,
        String settlementRate,
        String disputeRate,
        List<Chart> charts) {

    /** A chart and its visible caption. */
    public record Chart(String caption, RawString svg) {}

    static OverviewView of(MarketSnapshot snapshot) {
        return new OverviewView(
                snapshot,
                amounts(snapshot.volume()),
                amounts(snapshot.volumeAllTime()),
                amounts(snapshot.feeRevenue()),
                amounts(snapshot.feeRevenueAllTime()),
                percent(snapshot.settlementRate()),
                percent(snapshot.disputeRate()),
                charts(snapshot));
    }

    private static List<Chart> charts(MarketSnapshot snapshot) {
        List<Chart> charts = new ArrayList<>();
        charts.add(new Chart("Hires per hour", new RawString(OverviewCharts.hires(snapshot))));
        snapshot.seriesCurrencies()
                .forEach(currency -> charts.add(new Chart(
                        "Volume per hour, " + currency.code(),
                        new RawString(OverviewCharts.volume(snapshot, currency)))));
        charts.add(new Chart("Transactions by state", new RawString(OverviewCharts.states(snapshot))));
        charts.add(new Chart("Top capabilities by hires, 24 h", new RawString(OverviewCharts.capabilities(snapshot))));
        return charts;
    }

    public Instant at() {
        return snapshot.at();
    }

    public boolean noAgents() {
        return snapshot.agents().registered() == 0;
    }

    public boolean noTransactions() {
        return snapshot.transactions() == 0;
    }

    /** Hires of the window that left PENDING, the rates' common denominator. */
    public long concluded() {
        return snapshot.settlementRate().whole();
    }

    private static List<String> amounts(Map<?, Money> amounts) {
        return amounts.values().stream().map(Money::toString).toList();
    }

    /** "40.0 %", or an em dash when no hire of the window has left PENDING. */
    private static String percent(Rate rate) {
        return rate.percent().map(value -> value.toPlainString() + " %").orElse("—");
    }
}
