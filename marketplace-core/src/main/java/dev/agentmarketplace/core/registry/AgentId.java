package dev.agentmarketplace.core.registry;

import dev.agentmarketplace.core.InvalidValueException;
import java.util.regex.Pattern;

/** An agent's identifier: 1 to 64 letters, digits, {@code _} or {@code -}. Case matters. */
public record AgentId(String value) implements Comparable<AgentId> {
    public static final int MAX_LENGTH = 64;
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    public AgentId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValueException(
                    "agentId", "'" + abbreviate(value) + "' must be 1-" + MAX_LENGTH + " letters, digits, '_' or '-'");
        }
    }

    public static AgentId of(String value) {
        return new AgentId(value);
    }

    @Override
    public int compareTo(AgentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String abbreviate(String raw) {
        if (raw == null) {
            return "null";
        }
        return raw.length() <= 80 ? raw : raw.substring(0, 80) + "...";
    }
}
