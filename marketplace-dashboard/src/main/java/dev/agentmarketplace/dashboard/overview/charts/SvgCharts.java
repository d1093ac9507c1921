package dev.agentmarketplace.dashboard.overview.charts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Server-side SVG charts for the overview. The Content-Security-Policy allows no inline style, so
 * every element carries classes only and the stylesheet colours them; every text is escaped
 * ({@link SvgText}). Each chart is an accessible image: {@code role="img"} with a title and a
 * description that lists the values, for readers who cannot see it. Coordinates are computed in
 * decimal and written with one decimal.
 */
public final class SvgCharts {
    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    private static final int LEFT = 64;
    private static final int RIGHT = 12;
    private static final int TOP = 14;
    private static final int BOTTOM = 28;
    private static final int MAX_X_LABELS = 8;
    private static final int BAR_ROW = 26;
    private static final int BAR_LABEL_WIDTH = 170;
    private static final int BAR_VALUE_WIDTH = 90;

    private SvgCharts() {}

    /** One column per datum, left to right (hourly series), the value axis from zero to the largest value. */
    public static String columns(String id, String title, List<Datum> data) {
        return timeChart(id, title, data, false);
    }

    /** A line through the data, left to right; a single datum is a point. */
    public static String line(String id, String title, List<Datum> data) {
        return timeChart(id, title, data, true);
    }

    /** One horizontal bar per datum, top to bottom, each labelled and with its shown value. */
    public static String bars(String id, String title, List<Datum> data) {
        int height = Math.max(1, data.size()) * BAR_ROW + 8;
        StringBuilder svg = open(id, "chart chart-bars", title, data, WIDTH, height);
        if (data.isEmpty()) {
            return empty(svg, WIDTH, height);
        }
        BigDecimal max = max(data);
        int barSpace = WIDTH - BAR_LABEL_WIDTH - BAR_VALUE_WIDTH;
        for (int i = 0; i < data.size(); i++) {
            Datum datum = data.get(i);
            int y = 4 + i * BAR_ROW;
            BigDecimal width = scale(datum.value(), max, barSpace);
            svg.append("<text class=\"chart-label\" x=\"")
                    .append(BAR_LABEL_WIDTH - 8)
                    .append("\" y=\"")
                    .append(y + 17)
                    .append("\" text-anchor=\"end\">")
                    .append(SvgText.escape(datum.label()))
                    .append("</text>");
            svg.append("<rect class=\"")
                    .append(classes("chart-bar", datum))
                    .append("\" x=\"")
                    .append(BAR_LABEL_WIDTH)
                    .append("\" y=\"")
                    .append(y + 4)
                    .append("\" width=\"")
                    .append(coordinate(width))
                    .append("\" height=\"")
                    .append(BAR_ROW - 8)
                    .append("\"/>");
            svg.append("<text class=\"chart-value\" x=\"")
                    .append(coordinate(width.add(BigDecimal.valueOf(BAR_LABEL_WIDTH + 6))))
                    .append("\" y=\"")
                    .append(y + 17)
                    .append("\">")
                    .append(SvgText.escape(datum.shown()))
                    .append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static String timeChart(String id, String title, List<Datum> data, boolean asLine) {
        StringBuilder svg = open(id, asLine ? "chart chart-line" : "chart chart-columns", title, data, WIDTH, HEIGHT);
        if (data.isEmpty()) {
            return empty(svg, WIDTH, HEIGHT);
        }
        BigDecimal max = max(data);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int baseline = TOP + plotHeight;
        // The value axis: its top value and zero, and the baseline.
        svg.append("<line class=\"chart-axis\" x1=\"")
                .append(LEFT)
                .append("\" y1=\"")
                .append(baseline)
                .append("\" x2=\"")
                .append(WIDTH - RIGHT)
                .append("\" y2=\"")
                .append(baseline)
                .append("\"/>");
        svg.append("<line class=\"chart-grid\" x1=\"")
                .append(LEFT)
                .append("\" y1=\"")
                .append(TOP)
                .append("\" x2=\"")
                .append(WIDTH - RIGHT)
                .append("\" y2=\"")
                .append(TOP)
                .append("\"/>");
        svg.append(axisLabel(TOP + 4, shownMax(data, max)));
        svg.append(axisLabel(baseline, "0"));

        BigDecimal slot =
                BigDecimal.valueOf(plotWidth).divide(BigDecimal.valueOf(data.size()), 6, RoundingMode.HALF_EVEN);
        int labelEvery = (data.size() + MAX_X_LABELS - 1) / MAX_X_LABELS;
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < data.size(); i++) {
            Datum datum = data.get(i);
            BigDecimal left = slot.multiply(BigDecimal.valueOf(i)).add(BigDecimal.valueOf(LEFT));
            BigDecimal centre = left.add(slot.divide(BigDecimal.TWO, 6, RoundingMode.HALF_EVEN));
            BigDecimal height = scale(datum.value(), max, plotHeight);
            BigDecimal top = BigDecimal.valueOf(baseline).subtract(height);
            if (asLine) {
                points.append(points.isEmpty() ? "" : " ")
                        .append(coordinate(centre))
                        .append(',')
                        .append(coordinate(top));
                svg.append("<circle class=\"")
                        .append(classes("chart-point", datum))
                        .append("\" cx=\"")
                        .append(coordinate(centre))
                        .append("\" cy=\"")
                        .append(coordinate(top))
                        .append("\" r=\"3\"><title>")
                        .append(SvgText.escape(datum.label() + ": " + datum.shown()))
                        .append("</title></circle>");
            } else {
                BigDecimal gap = slot.compareTo(BigDecimal.valueOf(4)) > 0 ? BigDecimal.ONE : BigDecimal.ZERO;
                svg.append("<rect class=\"")
                        .append(classes("chart-bar", datum))
                        .append("\" x=\"")
                        .append(coordinate(left.add(gap)))
                        .append("\" y=\"")
                        .append(coordinate(top))
                        .append("\" width=\"")
                        .append(coordinate(slot.subtract(gap.multiply(BigDecimal.TWO))))
                        .append("\" height=\"")
                        .append(coordinate(height))
                        .append("\"><title>")
                        .append(SvgText.escape(datum.label() + ": " + datum.shown()))
                        .append("</title></rect>");
            }
            if (i % labelEvery == 0) {
                svg.append("<text class=\"chart-label\" x=\"")
                        .append(coordinate(centre))
                        .append("\" y=\"")
                        .append(HEIGHT - 8)
                        .append("\" text-anchor=\"middle\">")
                        .append(SvgText.escape(datum.label()))
                        .append("</text>");
            }
        }
        if (asLine && data.size() > 1) {
            svg.append("<polyline class=\"chart-path\" points=\"")
                    .append(points)
                    .append("\"/>");
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(
            String id, String classes, String title, List<Datum> data, int width, int height) {
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a chart id is lower-case letters, digits and '-', was '" + id + "'");
        }
        StringBuilder svg = new StringBuilder(512 + data.size() * 200);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"")
                .append(classes)
                .append("\" id=\"")
                .append(id)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-labelledby=\"")
                .append(id)
                .append("-title ")
                .append(id)
                .append("-desc\">");
        svg.append("<title id=\"")
                .append(id)
                .append("-title\">")
                .append(SvgText.escape(title))
                .append("</title>");
        svg.append("<desc id=\"").append(id).append("-desc\">");
        if (data.isEmpty()) {
            svg.append("No data.");
        } else {
            for (int i = 0; i < data.size(); i++) {
                svg.append(i == 0 ? "" : "; ")
                        .append(SvgText.escape(data.get(i).label()))
                        .append(": ")
                        .append(SvgText.escape(data.get(i).shown()));
            }
        }
        return svg.append("</desc>");
    }

    private static String empty(StringBuilder svg, int width, int height) {
        return svg.append("<text class=\"chart-empty\" x=\"")
                .append(width / 2)
                .append("\" y=\"")
                .append(height / 2 + 4)
                .append("\" text-anchor=\"middle\">No data yet</text></svg>")
                .toString();
    }

    private static String axisLabel(int y, String text) {
        return "<text class=\"chart-axis-label\" x=\"" + (LEFT - 6) + "\" y=\"" + y + "\" text-anchor=\"end\">"
                + SvgText.escape(text) + "</text>";
    }

    private static String classes(String base, Datum datum) {
        return datum.kind().isEmpty() ? base : base + " " + datum.kind();
    }

    private static BigDecimal max(List<Datum> data) {
        return data.stream().map(Datum::value).reduce(BigDecimal.ZERO, BigDecimal::max);
    }

    /** The shown text of the largest value, the value axis's top. */
    private static String shownMax(List<Datum> data, BigDecimal max) {
        return data.stream()
                .filter(datum -> datum.value().compareTo(max) == 0)
                .findFirst()
                .map(Datum::shown)
                .orElse("0");
    }

    /** {@code value}'s share of {@code max} in {@code length} pixels; nothing when everything is zero. */
    private static BigDecimal scale(BigDecimal value, BigDecimal max, int length) {
        if (max.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return value.multiply(BigDecimal.valueOf(length)).divide(max, 6, RoundingMode.HALF_EVEN);
    }

    private static String coordinate(BigDecimal value) {
        return value.setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
