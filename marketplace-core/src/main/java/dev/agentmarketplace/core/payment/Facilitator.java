package dev.agentmarketplace.core.payment;

/**
 * Port: the x402 facilitator that checks a payer's funds and broadcasts the transfer. When none is
 * configured (the local run), payments are verified locally only and stay PENDING until one is.
 */
public interface Facilitator {
    /** No facilitator: nothing is ever sent. */
    Facilitator NONE = new Facilitator() {
        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public FacilitatorVerdict verify(VerifiedPayment payment) {
            return new FacilitatorVerdict.Valid();
        }

        @Override
        public SettlementOutcome settle(Payment payment) {
            return new SettlementOutcome.Undecided("no facilitator is configured");
        }
    };

    boolean configured();

    /**
     * The facilitator's {@code /verify} of a payment the platform has verified itself.
     *
     * @throws FacilitatorUnavailableException when it cannot be asked (after the client's retries)
     */
    FacilitatorVerdict verify(VerifiedPayment payment);

    /**
     * The facilitator's {@code /settle}; the hire's idempotency key travels with it. Never throws for
     * a transport failure: that is {@link SettlementOutcome.Undecided}, to be retried.
     */
    SettlementOutcome settle(Payment payment);
}
