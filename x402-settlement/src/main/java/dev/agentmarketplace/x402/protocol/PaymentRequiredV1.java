package dev.agentmarketplace.x402.protocol;

import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.util.List;

/** A v1 402 body: an error text (often empty) and the ways to pay. */
public record PaymentRequiredV1(String error, List<PaymentRequirementsV1> accepts) {

    public static final int VERSION = 1;

    public PaymentRequiredV1 {
        Wire.present(error, Reason.INVALID_PAYMENT_REQUIREMENTS, "error");
        accepts = List.copyOf(Wire.present(accepts, Reason.INVALID_PAYMENT_REQUIREMENTS, "accepts"));
        if (accepts.isEmpty()) {
            throw new X402CodecException(Reason.INVALID_PAYMENT_REQUIREMENTS, "accepts", "must not be empty");
        }
    }
}
