package dev.agentmarketplace.dashboard.agents;

import dev.agentmarketplace.core.reputation.ReputationPoint;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of a small server-side SVG chart of an agent's reputation points: the score as a
 * line, its confidence interval as a band, on the 0-5 scale. Only numbers go into the SVG's
 * attributes, and it is styled by classes, as the Content-Security-Policy allows no inline style.
 */
public record TrendChart(
        int width, int height, String line, String band, List<Dot> dots, Instant from, Instant to, boolean empty) {
    static final int WIDTH = 600;
    static final int HEIGHT = 160;
    private static final int PAD = 10;
    private static final double MAX_SCORE = 5;

    /** One point of the line, with what its tooltip says. */
    public record Dot(String x, String y, String label) {}

    /** A horizontal gridline at a score, for the 0-5 scale. */
    public record Grid(String y, int score) {}

    public static TrendChart of(List<ReputationPoint> points) {
        if (points.isEmpty()) {
            return new TrendChart(WIDTH, HEIGHT, "", "", List.of(), null, null, true);
        }
        int n = points.size();
        StringBuilder line = new StringBuilder();
        StringBuilder upper = new StringBuilder();
        StringBuilder lower = new StringBuilder();
        List<Dot> dots = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            ReputationPoint point = points.get(i);
            // Points are spaced evenly, one per event: the chart shows the sequence of changes.
            String x = number(n == 1 ? WIDTH / 2.0 : PAD + (WIDTH - 2.0 * PAD) * i / (n - 1));
            String y = y(point.score());
            line.append(x).append(',').append(y).append(' ');
            upper.append(x).append(',').append(y(point.high())).append(' ');
            lower.insert(0, x + "," + y(point.low()) + " ");
            dots.add(new Dot(
                    x,
                    y,
                    String.format(
                            Locale.ROOT,
                            "%.2f (%.2f–%.2f) at %s",
                            point.score(),
                            point.low(),
                            point.high(),
                            point.at())));
        }
        return new TrendChart(
                WIDTH,
                HEIGHT,
                line.toString().strip(),
                (upper.toString() + lower).strip(),
                List.copyOf(dots),
                points.getFirst().at(),
                points.getLast().at(),
                false);
    }

    public List<Grid> grid() {
        return List.of(0, 1, 2, 3, 4, 5).stream()
                .map(score -> new Grid(y(score), score))
                .toList();
    }

    private static String y(double score) {
        return number(PAD + (HEIGHT - 2.0 * PAD) * (1 - score / MAX_SCORE));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
