package dev.agentmarketplace.core.registry;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ShownText;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Free-form key/value facts about an agent (model, region, version), bounded so no agent can bloat the registry. */
public record Metadata(SortedMap<String, String> entries) {
    public static final int MAX_ENTRIES = 32;
    public static final int MAX_VALUE_LENGTH = 512;
    public static final int MAX_TOTAL_LENGTH = 4096;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public static final Metadata EMPTY = new Metadata(new TreeMap<>());

    public Metadata {
        if (entries == null) {
            entries = new TreeMap<>();
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new InvalidValueException("metadata", "at most " + MAX_ENTRIES + " entries, got " + entries.size());
        }
        int total = 0;
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue();
            ShownText.line("metadata", key);
            if (key == null || !KEY.matcher(key).matches()) {
                throw new InvalidValueException(
                        "metadata", "key '" + key + "' must be 1-64 letters, digits, '_', '.' or '-'");
            }
            if (value == null) {
                throw new InvalidValueException("metadata", "value of '" + key + "' must not be null");
            }
            ShownText.line("metadata", value);
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new InvalidValueException(
                        "metadata", "value of '" + key + "' must be at most " + MAX_VALUE_LENGTH + " characters");
            }
            total += key.length() + value.length();
        }
        if (total > MAX_TOTAL_LENGTH) {
            throw new InvalidValueException(
                    "metadata", "keys and values together must be at most " + MAX_TOTAL_LENGTH + " characters");
        }
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    public static Metadata of(Map<String, String> entries) {
        return new Metadata(entries == null ? null : new TreeMap<>(entries));
    }
}
