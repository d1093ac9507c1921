package dev.agentmarketplace.x402.client;

/** None of the ways to pay a 402 offers is one this payer can or may use; the message says why for each. */
public final class PaymentChoiceException extends RuntimeException {

    public PaymentChoiceException(String message) {
        super(message);
    }
}
