package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.money.Money;
import java.math.MathContext;
import java.util.Objects;

/** How a disputed transaction ends. */
public sealed interface DisputeOutcome {
    /**
     * The share of {@code amount} given back to the payer: 0 when the provider is upheld, 1 for a
     * full refund, {@code refund / amount} for a partial one. Reputation weighs a lost dispute by it.
     */
    default double refundedShare(Money amount) {
        return switch (this) {
            case ProviderUpheld upheld -> 0;
            case FullRefund full -> 1;
            case PartialRefund(Money refund) ->
                amount.amount().signum() == 0
                        ? 1
                        : refund.amount()
                                .divide(amount.amount(), MathContext.DECIMAL64)
                                .doubleValue();
        };
    }
    /** The provider keeps the payment. */
    record ProviderUpheld() implements DisputeOutcome {}

    /** The payer gets the whole amount back. */
    record FullRefund() implements DisputeOutcome {}

    /** The payer gets {@code refund} back, more than zero and less than the amount; the provider keeps the rest. */
    record PartialRefund(Money refund) implements DisputeOutcome {
        public PartialRefund {
            Objects.requireNonNull(refund, "refund");
        }
    }
}
