package dev.agentmarketplace.dashboard.overview.charts;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One value of a chart: its label, its value (not negative: the charts draw from zero up), the
 * text shown for it, and a CSS class naming its kind (for example a transaction state), or blank.
 */
public record Datum(String label, BigDecimal value, String shown, String kind) {
    public Datum {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(shown, "shown");
        Objects.requireNonNull(kind, "kind");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("a chart draws values from zero up, was " + value);
        }
        if (!kind.matches("[a-z0-9-]*")) {
            throw new IllegalArgumentException("a kind is a CSS class name, was '" + kind + "'");
        }
    }

    public static Datum of(String label, long value) {
        return new Datum(label, BigDecimal.valueOf(value), Long.toString(value), "");
    }
}
