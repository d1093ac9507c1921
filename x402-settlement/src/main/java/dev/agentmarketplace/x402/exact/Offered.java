package dev.agentmarketplace.x402.exact;

import dev.agentmarketplace.x402.protocol.PaymentRequirements;
import dev.agentmarketplace.x402.protocol.PaymentRequirementsV1;
import java.util.List;

/**
 * The ways to pay a resource server offers, in each protocol version it speaks: the {@code accepts}
 * of its version 2 {@code PAYMENT-REQUIRED} and of its version 1 402 body. A version with no entry
 * is one the server does not take.
 */
public record Offered(List<PaymentRequirements> v2, List<PaymentRequirementsV1> v1) {

    public Offered {
        v2 = List.copyOf(v2);
        v1 = List.copyOf(v1);
        if (v2.isEmpty() && v1.isEmpty()) {
            throw new IllegalArgumentException("an offer names at least one way to pay");
        }
    }

    public static Offered v2(List<PaymentRequirements> accepts) {
        return new Offered(accepts, List.of());
    }

    public static Offered v1(List<PaymentRequirementsV1> accepts) {
        return new Offered(List.of(), accepts);
    }
}
