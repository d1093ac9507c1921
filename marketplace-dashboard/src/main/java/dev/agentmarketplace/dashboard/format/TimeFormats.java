package dev.agentmarketplace.dashboard.format;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formatting helpers for templates: operators read times in UTC, to the second. */
@TemplateExtension
public class TimeFormats {
    private static final DateTimeFormatter UTC_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private TimeFormats() {}

    static String utc(Instant instant) {
        return UTC_SECONDS.format(instant);
    }
}
