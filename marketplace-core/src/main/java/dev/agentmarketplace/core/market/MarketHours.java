package dev.agentmarketplace.core.market;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Rollups count by whole UTC hours. */
public final class MarketHours {
    private MarketHours() {}

    /** The start of the hour {@code instant} lies in. */
    public static Instant hourOf(Instant instant) {
        return instant.truncatedTo(ChronoUnit.HOURS);
    }

    static Instant requireWholeHour(Instant hour) {
        Objects.requireNonNull(hour, "hour");
        if (!hourOf(hour).equals(hour)) {
            throw new IllegalArgumentException("an hourly bucket starts on the hour, was " + hour);
        }
        return hour;
    }
}
