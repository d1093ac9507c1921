package dev.agentmarketplace.core.payment;

/** The facilitator's answer to {@code /verify}. */
public sealed interface FacilitatorVerdict {
    record Valid() implements FacilitatorVerdict {}

    /** {@code reason} is the facilitator's {@code invalidReason}, passed on as sent (the SDKs' strings differ). */
    record Invalid(String reason) implements FacilitatorVerdict {
        public Invalid {
            if (reason == null || reason.isBlank()) {
                reason = PaymentRequiredException.UNEXPECTED_VERIFY_ERROR;
            }
        }
    }
}
