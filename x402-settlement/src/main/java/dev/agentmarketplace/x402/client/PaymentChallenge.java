package dev.agentmarketplace.x402.client;

import dev.agentmarketplace.x402.protocol.PaymentRequired;
import dev.agentmarketplace.x402.protocol.PaymentRequiredV1;
import java.util.Objects;

/** A 402 answer as a payer reads it, in the version the server spoke. */
public sealed interface PaymentChallenge {

    /** Version 2: the {@code PAYMENT-REQUIRED} header. */
    record V2(PaymentRequired required) implements PaymentChallenge {
        public V2 {
            Objects.requireNonNull(required, "required");
        }
    }

    /** Version 1: the 402 body. */
    record V1(PaymentRequiredV1 required) implements PaymentChallenge {
        public V1 {
            Objects.requireNonNull(required, "required");
        }
    }
}
