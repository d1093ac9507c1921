package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
import java.util.Objects;
import java.util.Optional;

/**
 * The hire needs a (valid) payment: HTTP 402. Without a payment {@link #reason()} is empty; a
 * refused payment carries the x402 error reason (e.g. {@code
 * invalid_exact_evm_payload_signature}) of the check that failed. {@link #offer()} is what to pay,
 * and {@link #refused()} the payment a facilitator refused to settle, whose failure the answer reports.
 */
public final class PaymentRequiredException extends DomainException {
    /** x402 reasons this platform emits itself (x402-specification-v2 §9); facilitators' are passed on as sent. */
    public static final String INVALID_TRANSACTION_STATE = "invalid_transaction_state";

    public static final String UNEXPECTED_VERIFY_ERROR = "unexpected_verify_error";
    public static final String UNEXPECTED_SETTLE_ERROR = "unexpected_settle_error";
    public static final String VALID_BEFORE = "invalid_exact_evm_payload_authorization_valid_before";

    private final Optional<PaymentOffer> offer;
    private final Optional<String> reason;
    private final Optional<Payment> refused;

    private PaymentRequiredException(
            String message, Optional<PaymentOffer> offer, Optional<String> reason, Optional<Payment> refused) {
        super(ErrorCode.PAYMENT_REQUIRED, message);
        this.offer = Objects.requireNonNull(offer, "offer");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.refused = Objects.requireNonNull(refused, "refused");
    }

    /** No payment was presented. */
    public static PaymentRequiredException unpaid(PaymentOffer offer) {
        return new PaymentRequiredException(
                "hiring agent '" + offer.provider() + "' costs " + offer.price() + "; pay with the PAYMENT-SIGNATURE"
                        + " (x402 v2) or X-PAYMENT (v1) header",
                Optional.of(offer),
                Optional.empty(),
                Optional.empty());
    }

    /** A presented payment failed a check; {@code reason} is the x402 error reason. */
    public static PaymentRequiredException rejected(String reason, String message) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a rejected payment names its x402 reason");
        }
        return new PaymentRequiredException(message, Optional.empty(), Optional.of(reason), Optional.empty());
    }

    /** The facilitator refused to settle {@code payment}, for {@code payment.failureReason()}. */
    public static PaymentRequiredException settlementRefused(PaymentOffer offer, Payment payment) {
        String reason = payment.failureReason().orElse(UNEXPECTED_SETTLE_ERROR);
        return new PaymentRequiredException(
                "the payment of transaction '" + payment.transactionId() + "' was not settled: " + reason
                        + "; the hire is cancelled",
                Optional.ofNullable(offer),
                Optional.of(reason),
                Optional.of(payment));
    }

    /** This refusal, answering {@code offer}, so the 402 can say again what to pay. */
    public PaymentRequiredException offering(PaymentOffer value) {
        return new PaymentRequiredException(getMessage(), Optional.of(value), reason, refused);
    }

    public Optional<PaymentOffer> offer() {
        return offer;
    }

    public Optional<String> reason() {
        return reason;
    }

    public Optional<Payment> refused() {
        return refused;
    }
}
