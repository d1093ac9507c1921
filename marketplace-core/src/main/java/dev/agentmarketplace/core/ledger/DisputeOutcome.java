package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.money.Money;
import java.util.Objects;

/** How a disputed transaction ends. */
public sealed interface DisputeOutcome {
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
