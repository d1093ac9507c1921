package dev.agentmarketplace.core.payment;

/**
 * Where a payment's settlement stands. PENDING → SENDING (one replica claimed it) → SETTLED | FAILED,
 * or back to PENDING with a later attempt when the facilitator did not decide. SETTLED and FAILED are final.
 */
public enum PaymentState {
    PENDING,
    SENDING,
    SETTLED,
    FAILED;

    public boolean isFinal() {
        return this == SETTLED || this == FAILED;
    }
}
