package dev.agentmarketplace.dashboard.overview.charts;

/**
 * Text inside SVG markup: the five XML-significant characters as entities, and any control or bidi
 * character (which the core's {@code ShownText} already refuses in stored text) written as {@code
 * U+XXXX}, so a label can neither close an element nor reorder what follows it.
 */
public final class SvgText {
    private SvgText() {}

    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(point -> {
            switch (point) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    if (unsafe(point)) {
                        escaped.append("U+%04X".formatted(point));
                    } else {
                        escaped.appendCodePoint(point);
                    }
                }
            }
        });
        return escaped.toString();
    }

    /** Controls (Cc), bidi controls and marks, and lone surrogates. */
    private static boolean unsafe(int point) {
        return Character.getType(point) == Character.CONTROL
                || point == 0x061C
                || point == 0x200E
                || point == 0x200F
                || (point >= 0x202A && point <= 0x202E)
                || (point >= 0x2066 && point <= 0x2069)
                || Character.getType(point) == Character.SURROGATE;
    }
}
