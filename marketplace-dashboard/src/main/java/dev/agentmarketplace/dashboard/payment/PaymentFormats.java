package dev.agentmarketplace.dashboard.payment;

import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Template helpers of the payments and ledger pages. */
@TemplateExtension
public class PaymentFormats {
    private PaymentFormats() {}

    /** A value for a query string: cursors hold ':' and '~'. */
    static String urlEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
