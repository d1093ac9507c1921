package dev.agentmarketplace.core.payment;

/**
 * Where a payment's settlement stands. PENDING → SENDING (one replica claimed it) → SETTLED | FAILED,
 * or back to PENDING with a later attempt when the facilitator did not decide. When it never decided
 * (every attempt undecided, the authorization expired), the payment is OUTCOME_UNKNOWN: it may have
 * been broadcast, so neither settling nor voiding the hire is safe until an operator, who can read
 * the chain, reconciles it ({@link SettlementOutbox}). SETTLED and FAILED are final.
 */
public enum PaymentState {
    PENDING,
    SENDING,
    SETTLED,
    FAILED,
    OUTCOME_UNKNOWN;

    public boolean isFinal() {
        return this == SETTLED || this == FAILED;
    }
}
