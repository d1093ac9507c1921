package dev.agentmarketplace.x402.client;

import dev.agentmarketplace.x402.protocol.SignedPayment;
import java.util.Objects;

/**
 * The header a payer repeats its request with: {@code PAYMENT-SIGNATURE} (version 2) or {@code
 * X-PAYMENT} (version 1), its base64 value, and the payment it encodes.
 */
public record PaymentHeader(String name, String value, SignedPayment payment) {

    public PaymentHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(payment, "payment");
    }
}
