package dev.agentmarketplace.dashboard.transactions;

import dev.agentmarketplace.core.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a form's fields were refused for, by field name, so a template can put each message beside
 * its field ({@code <p class="field-error" id="<field>-error">}).
 */
public final class FormErrors {
    private final Map<String, String> byField = new LinkedHashMap<>();

    public static FormErrors none() {
        return new FormErrors();
    }

    /** Keeps the first refusal of {@code field}; the core's message without its {@code field: } prefix. */
    public void add(String field, String message) {
        byField.putIfAbsent(field, message);
    }

    /** The refusal of a core value, shown beside {@code field} (which may be named otherwise in the core). */
    public void add(String field, InvalidValueException refused) {
        String message = refused.getMessage();
        String prefix = refused.field() + ": ";
        add(field, message.startsWith(prefix) ? message.substring(prefix.length()) : message);
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public String get(String field) {
        return byField.getOrDefault(field, "");
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }
}
