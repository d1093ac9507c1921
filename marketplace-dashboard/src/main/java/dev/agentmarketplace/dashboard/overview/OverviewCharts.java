package dev.agentmarketplace.dashboard.overview;

import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.market.CapabilityDemand;
import dev.agentmarketplace.core.market.HourPoint;
import dev.agentmarketplace.core.market.MarketSnapshot;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.dashboard.overview.charts.Datum;
import dev.agentmarketplace.dashboard.overview.charts.SvgCharts;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The overview's charts drawn from a {@link MarketSnapshot}; a series without any hire is drawn empty. */
final class OverviewCharts {
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private OverviewCharts() {}

    static String hires(MarketSnapshot snapshot) {
        List<Datum> data = hasHires(snapshot)
                ? snapshot.series().stream()
                        .map(point -> Datum.of(HOUR.format(point.hour()), point.hires()))
                        .toList()
                : List.of();
        return SvgCharts.columns("chart-hires", "Hires per hour, last 24 hours (UTC)", data);
    }

    /** One line chart for the volume in {@code currency} per hour of the window. */
    static String volume(MarketSnapshot snapshot, Currency currency) {
        List<Datum> data = snapshot.series().stream()
                .map(point -> amount(HOUR.format(point.hour()), point.volumeIn(currency)))
                .toList();
        return SvgCharts.line(
                "chart-volume-" + currency.code().toLowerCase(Locale.ROOT),
                "Volume per hour in " + currency.code() + ", last 24 hours (UTC)",
                data);
    }

    static String states(MarketSnapshot snapshot) {
        List<Datum> data = snapshot.transactions() == 0
                ? List.of()
                : snapshot.transactionsByState().entrySet().stream()
                        .map(OverviewCharts::state)
                        .toList();
        return SvgCharts.bars("chart-states", "Transactions by state", data);
    }

    static String capabilities(MarketSnapshot snapshot) {
        List<Datum> data =
                snapshot.topCapabilities().stream().map(OverviewCharts::demand).toList();
        return SvgCharts.bars("chart-capabilities", "Top capabilities by hires, last 24 hours", data);
    }

    private static boolean hasHires(MarketSnapshot snapshot) {
        return snapshot.series().stream().mapToLong(HourPoint::hires).sum() > 0;
    }

    private static Datum state(Map.Entry<TransactionState, Long> count) {
        return new Datum(
                count.getKey().name(),
                BigDecimal.valueOf(count.getValue()),
                Long.toString(count.getValue()),
                "state-" + count.getKey().name().toLowerCase(Locale.ROOT));
    }

    private static Datum demand(CapabilityDemand demand) {
        return Datum.of(demand.capability().name(), demand.hires());
    }

    /** The amount without trailing zeros: the chart's caption names the currency. */
    private static Datum amount(String label, Money amount) {
        BigDecimal value = amount.amount();
        return new Datum(
                label,
                value,
                value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString(),
                "");
    }
}
