package dev.agentmarketplace.core.money;

import dev.agentmarketplace.core.InvalidValueException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Decimal numbers read from outside (amounts, ratings, reputation deltas, cursors), bounded before
 * anything expands them. A {@code BigDecimal} is an unscaled integer and a 32-bit scale, so a short
 * text such as {@code 1e-999999999} is a small object whose plain form has a billion digits:
 * {@code toPlainString}, {@code setScale} or an addition would allocate gigabytes (issue 11). So the
 * text is checked syntactically first (at most {@link #MAX_LENGTH} characters, an exponent of at
 * most {@link #MAX_EXPONENT_DIGITS} digits), and a value is checked by its precision and scale,
 * which cost nothing, before anything else touches it. Messages show a value through {@link
 * #shown}, never its expansion.
 */
public final class Decimals {
    /** The longest decimal text accepted: a sign, 20 integer digits, a point and 18 decimals fit. */
    public static final int MAX_LENGTH = 40;

    /** The longest exponent accepted ({@code 15e-1}, {@code 1.5E2}); it keeps every scale below 140. */
    public static final int MAX_EXPONENT_DIGITS = 2;

    /** How many characters of a refused text a message echoes. */
    private static final int SHOWN = 20;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern BOUNDED_EXPONENT =
            Pattern.compile("[^eE]*(?:[eE][+-]?\\d{1," + MAX_EXPONENT_DIGITS + "})?");

    private Decimals() {}

    /**
     * The decimal {@code text} (surrounding blanks ignored): plain ({@code 1.50}) or with a short
     * exponent ({@code 15e-1}). The result has at most {@value #MAX_LENGTH} digits and a scale
     * within ±140, so every later operation on it is cheap.
     *
     * @throws InvalidValueException naming {@code field} for null, a text longer than {@value
     *     #MAX_LENGTH} characters, or one that is not such a decimal
     */
    public static BigDecimal parse(String field, String text) {
        if (text == null) {
            throw new InvalidValueException(field, "must not be null");
        }
        String stripped = text.strip();
        if (stripped.length() > MAX_LENGTH) {
            throw new InvalidValueException(
                    field, shown(text) + " is longer than " + MAX_LENGTH + " characters, too long for a decimal");
        }
        if (!DECIMAL.matcher(stripped).matches()) {
            throw new InvalidValueException(field, shown(text) + " is not a decimal number");
        }
        if (!BOUNDED_EXPONENT.matcher(stripped).matches()) {
            throw new InvalidValueException(
                    field,
                    shown(text) + " is not a decimal number (an exponent has at most " + MAX_EXPONENT_DIGITS
                            + " digits)");
        }
        return new BigDecimal(stripped);
    }

    /**
     * How many digits {@code value} has before the decimal point ({@code 0} for zero and for values
     * below 1), computed from precision and scale without expanding the value.
     */
    public static long integerDigits(BigDecimal value) {
        return value.signum() == 0 ? 0 : Math.max(0, (long) value.precision() - value.scale());
    }

    /**
     * How many decimals {@code value} needs, trailing zeros aside, without expanding it. Call it
     * only on a value of bounded precision (parsed here, or read by a JSON reader that bounds
     * number length); it is then cheap whatever the scale.
     */
    public static long decimals(BigDecimal value) {
        if (value.scale() <= 0) {
            return 0;
        }
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    /** {@code value} for a message: plain when short, else in scientific notation, and never long. */
    public static String shown(BigDecimal value) {
        if (value == null) {
            return "null";
        }
        boolean plainIsShort =
                value.precision() <= MAX_LENGTH && value.scale() <= MAX_LENGTH && integerDigits(value) <= MAX_LENGTH;
        // The plain form is then at most about 80 characters; a scientific one is cut.
        return plainIsShort ? value.toPlainString() : truncated(value.toString(), MAX_LENGTH);
    }

    /** A refused {@code text} for a message: quoted, and cut after a few characters. */
    public static String shown(String text) {
        return text == null ? "null" : "'" + truncated(text, SHOWN) + "'";
    }

    private static String truncated(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "…";
    }
}
