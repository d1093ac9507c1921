package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;

/** The facilitator could not be asked to verify a payment; nothing was recorded, and the client may retry. */
public final class FacilitatorUnavailableException extends DomainException {
    public FacilitatorUnavailableException(String message) {
        super(ErrorCode.FACILITATOR_UNAVAILABLE, message);
    }
}
