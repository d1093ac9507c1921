package dev.agentmarketplace.core.payment;

/** What one {@code /settle} attempt decided. */
public sealed interface SettlementOutcome {
    /** Broadcast: {@code transaction} is the chain's transaction hash. */
    record Settled(String transaction) implements SettlementOutcome {
        public Settled {
            if (transaction == null || transaction.isBlank() || transaction.length() > Payment.MAX_REFERENCE_LENGTH) {
                throw new IllegalArgumentException("a settlement names its transaction (1-"
                        + Payment.MAX_REFERENCE_LENGTH + " characters), was " + transaction);
            }
        }
    }

    /** The facilitator refused for good: {@code reason} is its {@code errorReason}, as sent. */
    record Refused(String reason) implements SettlementOutcome {
        public Refused {
            if (reason == null || reason.isBlank()) {
                reason = PaymentRequiredException.UNEXPECTED_SETTLE_ERROR;
            }
        }
    }

    /**
     * No decision (unreachable, a timeout, a 5xx): the request may or may not have arrived, so it
     * is retried with the same idempotency key, never replaced by another.
     */
    record Undecided(String problem) implements SettlementOutcome {}
}
