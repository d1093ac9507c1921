package dev.agentmarketplace.core;

/**
 * The one check for text a person will see (names, reasons, notes, evidence, metadata): it refuses
 * what can make text lie about itself or break whatever shows it, and names the offending code point
 * as {@code U+XXXX} so that no error message carries the character itself.
 *
 * <p>Refused everywhere: Unicode category Cc (C0, DEL and C1 controls, NUL included), the bidi
 * controls of Unicode Technical Standard #39 and the Unicode Bidirectional Algorithm (UAX #9) that
 * can reorder what a reader sees, "Trojan Source" style (U+061C, U+200E, U+200F, U+202A-U+202E,
 * U+2066-U+2069), and unpaired surrogates (not Unicode scalar values, so not text). Other format
 * characters stay allowed: the zero-width joiner builds emoji, and the soft hyphen is harmless.
 *
 * <p>{@link #line} is for one-line text (display names, owners, capabilities, metadata); {@link
 * #multiline} is for paragraphs (dispute reasons, evidence, notes, hire contexts) and also allows
 * TAB, LF and CR, which such text legitimately holds.
 */
public final class ShownText {
    private ShownText() {}

    /** One-line text: returns {@code value} unchanged, or refuses it naming {@code field}. */
    public static String line(String field, String value) {
        return checked(field, value, false);
    }

    /** A paragraph: like {@link #line}, but TAB, LF and CR are allowed. */
    public static String multiline(String field, String value) {
        return checked(field, value, true);
    }

    /**
     * {@code message} with every character {@link #line} refuses written as {@code U+XXXX}, so that
     * a message quoting a refused value cannot smuggle the character into a log or a response.
     */
    public static String escaped(String message) {
        return escaped(message, false);
    }

    /** Like {@link #escaped(String)}, but keeps TAB, LF and CR, as a paragraph may hold them. */
    public static String escapedParagraph(String text) {
        return escaped(text, true);
    }

    private static String escaped(String message, boolean paragraph) {
        if (message == null || firstRefused(message, paragraph) < 0) {
            return message;
        }
        StringBuilder out = new StringBuilder(message.length() + 16);
        for (int i = 0; i < message.length(); ) {
            int cp = message.codePointAt(i);
            int width = Character.charCount(cp);
            if (refused(cp, paragraph)) {
                out.append(codePoint(cp));
            } else {
                out.appendCodePoint(cp);
            }
            i += width;
        }
        return out.toString();
    }

    private static String checked(String field, String value, boolean paragraph) {
        if (value == null) {
            return null;
        }
        int bad = firstRefused(value, paragraph);
        if (bad >= 0) {
            throw new InvalidValueException(field, "must not contain " + describe(bad));
        }
        return value;
    }

    /** The first refused code point, or -1. */
    private static int firstRefused(String value, boolean paragraph) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (refused(cp, paragraph)) {
                return cp;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    private static boolean refused(int cp, boolean paragraph) {
        if (paragraph && (cp == '\t' || cp == '\n' || cp == '\r')) {
            return false;
        }
        return Character.getType(cp) == Character.CONTROL || isBidiControl(cp) || isSurrogate(cp);
    }

    private static boolean isBidiControl(int cp) {
        return cp == 0x061C
                || cp == 0x200E
                || cp == 0x200F
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** codePointAt returns a lone surrogate as itself; a well-formed pair is one supplementary code point. */
    private static boolean isSurrogate(int cp) {
        return cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
    }

    private static String describe(int cp) {
        if (isSurrogate(cp)) {
            return codePoint(cp) + " (an unpaired surrogate)";
        }
        String name = Character.getName(cp);
        return name == null ? codePoint(cp) : codePoint(cp) + " (" + name + ")";
    }

    private static String codePoint(int cp) {
        return String.format("U+%04X", cp);
    }
}
