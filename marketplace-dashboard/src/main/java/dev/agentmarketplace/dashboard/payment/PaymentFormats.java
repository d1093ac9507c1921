package dev.agentmarketplace.dashboard.payment;

import dev.agentmarketplace.core.ShownText;
import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Template helpers of the payments, ledger and clients pages. */
@TemplateExtension
public class PaymentFormats {
    private PaymentFormats() {}

    /** A value for a query string: cursors hold ':' and '~'. */
    static String urlEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Text from outside the platform (a facilitator's error, a line of an uploaded file) with every
     * control and bidi character written as {@code U+XXXX}, so it cannot reorder or hide what the
     * page shows; Qute's escaping then handles markup.
     */
    static String shown(String text) {
        return ShownText.escaped(text);
    }
}
