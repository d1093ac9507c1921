package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.money.Money;
import java.math.MathContext;
import java.util.Objects;
import java.util.Optional;

/** How a disputed transaction ends. */
public sealed interface DisputeOutcome {
    /** The outcomes by name, as forms and APIs spell them; only a partial refund carries an amount. */
    enum Kind {
        PROVIDER_UPHELD,
        FULL_REFUND,
        PARTIAL_REFUND
    }

    /**
     * The outcome {@code kind} names, with {@code refund} for a partial refund.
     *
     * @throws InvalidValueException naming {@code refund} when a partial refund has no amount or
     *     another outcome has one
     */
    static DisputeOutcome of(Kind kind, Optional<Money> refund) {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.PARTIAL_REFUND) != refund.isPresent()) {
            throw new InvalidValueException("refund", "is required for a partial refund and only for it");
        }
        return switch (kind) {
            case PROVIDER_UPHELD -> new ProviderUpheld();
            case FULL_REFUND -> new FullRefund();
            case PARTIAL_REFUND -> new PartialRefund(refund.orElseThrow());
        };
    }

    default Kind kind() {
        return switch (this) {
            case ProviderUpheld upheld -> Kind.PROVIDER_UPHELD;
            case FullRefund full -> Kind.FULL_REFUND;
            case PartialRefund partial -> Kind.PARTIAL_REFUND;
        };
    }

    /** What the payer gets back, when that is part of the amount: the refund of a partial refund. */
    default Optional<Money> partialRefund() {
        return this instanceof PartialRefund(Money refund) ? Optional.of(refund) : Optional.empty();
    }

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
