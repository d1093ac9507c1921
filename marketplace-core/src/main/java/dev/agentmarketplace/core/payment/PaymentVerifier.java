package dev.agentmarketplace.core.payment;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: the protocol's checks of a presented payment, implemented by x402-settlement. Nonce reuse is
 * not its concern: {@link PaymentRepository#add} refuses an authorization already taken.
 */
public interface PaymentVerifier {
    /**
     * Checks {@code payment} against {@code offer} at {@code now}: well-formed, the offered scheme,
     * network and token, signed by its {@code from}, paid to the offer's {@code payTo}, exactly the
     * offered amount, and valid now.
     *
     * @throws PaymentRequiredException with the x402 error reason of the first check that fails
     */
    VerifiedPayment verify(PresentedPayment payment, PaymentOffer offer, Instant now);

    /**
     * The payment-identifier extension's id in {@code payment}, read without verifying anything, so
     * a resent payment finds its earlier hire even once it would no longer verify. Empty when absent
     * or unreadable (verification then says why).
     */
    Optional<String> paymentIdentifier(PresentedPayment payment);
}
