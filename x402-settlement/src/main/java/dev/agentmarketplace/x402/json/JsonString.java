package dev.agentmarketplace.x402.json;

import java.util.Objects;

public record JsonString(String value) implements JsonValue {

    public JsonString {
        Objects.requireNonNull(value, "value");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // An unpaired surrogate has no UTF-8 encoding: such a string could not be written back.
            if (Character.isHighSurrogate(c)
                    && (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1)))) {
                throw new IllegalArgumentException("unpaired high surrogate at index " + i);
            }
            if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)))) {
                throw new IllegalArgumentException("unpaired low surrogate at index " + i);
            }
        }
    }
}
