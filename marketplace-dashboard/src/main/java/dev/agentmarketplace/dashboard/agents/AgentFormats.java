package dev.agentmarketplace.dashboard.agents;

import dev.agentmarketplace.core.registry.AgentStatus;
import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/** Formatting helpers of the agents pages: scores to two decimals, statuses as CSS class names. */
@TemplateExtension
public class AgentFormats {
    private AgentFormats() {}

    static String twoDecimals(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** A class name for a status (never text from outside, so a class attribute cannot be broken into). */
    static String css(AgentStatus status) {
        return "status-" + status.name().toLowerCase(Locale.ROOT);
    }
}
