package dev.agentmarketplace.x402.json;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A JSON number kept as its exact text: x402 amounts are uint256 and a double would round them. Two
 * numbers are equal when their text is ({@code 1.0} and {@code 1} differ), so a value read and
 * written back is byte-identical.
 */
public record JsonNumber(String text) implements JsonValue {

    private static final Pattern GRAMMAR = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    public JsonNumber {
        if (text == null || !GRAMMAR.matcher(text).matches()) {
            throw new IllegalArgumentException("not an RFC 8259 number: " + text);
        }
    }

    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value));
    }

    public BigDecimal bigDecimal() {
        return new BigDecimal(text);
    }

    /** Whether the text is a plain integer (no fraction, no exponent), the only form x402 uses. */
    public boolean isPlainInteger() {
        return text.chars().allMatch(c -> c == '-' || (c >= '0' && c <= '9'));
    }
}
