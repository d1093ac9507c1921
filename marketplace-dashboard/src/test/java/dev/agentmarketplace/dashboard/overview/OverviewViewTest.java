package dev.agentmarketplace.dashboard.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.market.AgentCounts;
import dev.agentmarketplace.core.market.CapabilityDemand;
import dev.agentmarketplace.core.market.HourPoint;
import dev.agentmarketplace.core.market.MarketSnapshot;
import dev.agentmarketplace.core.market.Rate;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverviewViewTest {
    private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");
    private static final Currency EURC = Currency.of("EURC");

    private static MarketSnapshot snapshot(List<HourPoint> series, Map<TransactionState, Long> states, Rate settled) {
        return new MarketSnapshot(
                START.plus(Duration.ofHours(23)).plusSeconds(60),
                START,
                START.plus(Duration.ofHours(24)),
                new AgentCounts(3, 2),
                4,
                Map.of(Currency.USDC, Money.of("6.00", "USDC"), EURC, Money.of("1.00", "EURC")),
                Map.of(),
                settled,
                new Rate(0, settled.whole()),
                Map.of(),
                Map.of(),
                series,
                states,
                List.of(new CapabilityDemand(Capability.of("python"), 4)));
    }

    private static List<HourPoint> quietDay() {
        List<HourPoint> points = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            points.add(new HourPoint(START.plus(Duration.ofHours(hour)), 0, Map.of()));
        }
        return points;
    }

    @Test
    void ratesArePercentsAndADashWhenNothingConcluded() {
        OverviewView view = OverviewView.of(snapshot(quietDay(), Map.of(), new Rate(0, 0)));

        assertThat(view.settlementRate()).isEqualTo("—");
        assertThat(view.disputeRate()).isEqualTo("—");
        assertThat(OverviewView.of(snapshot(quietDay(), Map.of(), new Rate(1, 3)))
                        .settlementRate())
                .isEqualTo("33.3 %");
    }

    @Test
    void amountsAreListedByCurrencyCode() {
        OverviewView view = OverviewView.of(snapshot(quietDay(), Map.of(), new Rate(0, 0)));

        assertThat(view.volume()).containsExactly("1.000000 EURC", "6.000000 USDC");
        assertThat(view.concluded()).isZero();
    }

    @Test
    void aQuietMarketDrawsEmptyChartsButStillRanksDemand() {
        OverviewView view = OverviewView.of(snapshot(quietDay(), Map.of(), new Rate(0, 0)));

        assertThat(view.noTransactions()).isTrue();
        assertThat(view.charts())
                .extracting(OverviewView.Chart::caption)
                .containsExactly("Hires per hour", "Transactions by state", "Top capabilities by hires, 24 h");
        assertThat(view.charts().get(0).svg().getValue()).contains("No data yet");
        assertThat(view.charts().get(1).svg().getValue()).contains("No data yet");
        assertThat(view.charts().get(2).svg().getValue()).contains("python: 4");
    }

    @Test
    void everyCurrencyWithVolumeGetsItsOwnLineChart() {
        List<HourPoint> series = quietDay();
        series.set(
                23,
                new HourPoint(
                        START.plus(Duration.ofHours(23)),
                        2,
                        Map.of(Currency.USDC, Money.of("4.50", "USDC"), EURC, Money.of("1.00", "EURC"))));

        OverviewView view = OverviewView.of(snapshot(series, Map.of(TransactionState.SETTLED, 2L), new Rate(2, 2)));

        assertThat(view.charts())
                .extracting(OverviewView.Chart::caption)
                .containsExactly(
                        "Hires per hour",
                        "Volume per hour, EURC",
                        "Volume per hour, USDC",
                        "Transactions by state",
                        "Top capabilities by hires, 24 h");
        String usdc = view.charts().get(2).svg().getValue();
        assertThat(usdc)
                .contains("id=\"chart-volume-usdc\"")
                .contains("08:00: 4.5")
                .contains("07:00: 0");
        assertThat(view.charts().get(3).svg().getValue())
                .contains("PENDING: 0; SETTLED: 2; CANCELLED: 0; DISPUTED: 0; RESOLVED: 0");
    }
}
