package dev.agentmarketplace.dashboard.transactions;

import dev.agentmarketplace.core.ShownText;
import io.quarkus.qute.TemplateExtension;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * For text a page repeats as it was typed (a refused filter value, say): every control or bidi
 * character written as {@code U+XXXX}, as the core's messages do, so none is ever rendered raw.
 * Stored text needs none of this: the core refused such characters before storing it.
 */
@TemplateExtension
public class ShownTexts {
    private ShownTexts() {}

    static String visible(String typed) {
        return ShownText.escaped(typed);
    }

    /** Like {@link #visible}, for a paragraph: TAB, LF and CR stay as they are. */
    static String visibleParagraph(String typed) {
        return LINE_BREAKS
                .splitAsStream(typed)
                .map(piece -> piece.length() == 1 && "\t\n\r".contains(piece) ? piece : ShownText.escaped(piece))
                .collect(Collectors.joining());
    }

    /** Splits before and after each TAB, LF and CR, keeping them as pieces of their own. */
    private static final Pattern LINE_BREAKS = Pattern.compile("(?<=[\\t\\n\\r])|(?=[\\t\\n\\r])");
}
