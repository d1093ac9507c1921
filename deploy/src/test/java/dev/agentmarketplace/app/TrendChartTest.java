package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.reputation.ReputationPoint;
import dev.agentmarketplace.dashboard.agents.TrendChart;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent page's reputation chart: its geometry on the 0-5 scale, in numbers only. */
class TrendChartTest {
    private static final AgentId AGENT = AgentId.of("python-expert");
    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");

    @Test
    void noPointsIsAnEmptyChart() {
        TrendChart chart = TrendChart.of(List.of());

        assertThat(chart.empty()).isTrue();
        assertThat(chart.dots()).isEmpty();
    }

    @Test
    void pointsSpreadAcrossTheWidthWithTheScoreUpwardsAndTheBandAroundIt() {
        TrendChart chart = TrendChart.of(List.of(
                new ReputationPoint(AGENT, T0, 5, 4, 5),
                new ReputationPoint(AGENT, T0.plusSeconds(60), 2.5, 2, 3),
                new ReputationPoint(AGENT, T0.plusSeconds(120), 0, 0, 1)));

        // 10 px of padding; 600 wide, 160 high: score 5 at y 10, 0 at y 150.
        assertThat(chart.line()).isEqualTo("10.0,10.0 300.0,80.0 590.0,150.0");
        assertThat(chart.band()).isEqualTo("10.0,10.0 300.0,66.0 590.0,122.0 590.0,150.0 300.0,94.0 10.0,38.0");
        assertThat(chart.dots())
                .extracting(TrendChart.Dot::label)
                .first()
                .asString()
                .startsWith("5.00 (4.00–5.00) at ");
        assertThat(chart.from()).isEqualTo(T0);
        assertThat(chart.to()).isEqualTo(T0.plusSeconds(120));
        assertThat(chart.grid())
                .extracting(TrendChart.Grid::y)
                .containsExactly("150.0", "122.0", "94.0", "66.0", "38.0", "10.0");
    }

    @Test
    void aSinglePointSitsInTheMiddle() {
        TrendChart chart = TrendChart.of(List.of(new ReputationPoint(AGENT, T0, 3, 2, 4)));

        assertThat(chart.line()).isEqualTo("300.0,66.0");
        assertThat(chart.empty()).isFalse();
    }
}
