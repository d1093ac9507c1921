package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.registry.WalletAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A verifier that knows the payments a test scripted: a header value stands for one authorization,
 * accepted for any offer whose amount and payee it matches, refused with a scripted reason otherwise.
 */
final class ScriptedVerifier implements PaymentVerifier {
    static final WalletAddress PAYER_WALLET = WalletAddress.of("0x857b06519E91e3A54538791bDbb0E22373e36b66");

    /** What one scripted header holds. */
    record Authorization(
            String nonce, Instant validBefore, Optional<String> paymentIdentifier, Optional<String> refusal) {}

    private final Map<String, Authorization> scripted = new HashMap<>();
    int verifications;

    PresentedPayment payment(String value, String nonceDigit, Instant validBefore) {
        return script(
                value,
                new Authorization("0x" + nonceDigit.repeat(64), validBefore, Optional.empty(), Optional.empty()));
    }

    PresentedPayment identified(String value, String nonceDigit, Instant validBefore, String identifier) {
        return script(
                value,
                new Authorization(
                        "0x" + nonceDigit.repeat(64), validBefore, Optional.of(identifier), Optional.empty()));
    }

    PresentedPayment refused(String value, String reason) {
        return script(
                value, new Authorization("0x" + "f".repeat(64), Instant.MAX, Optional.empty(), Optional.of(reason)));
    }

    private PresentedPayment script(String value, Authorization authorization) {
        scripted.put(value, authorization);
        return new PresentedPayment(PresentedPayment.Version.V2, value);
    }

    @Override
    public VerifiedPayment verify(PresentedPayment payment, PaymentOffer offer, Instant now) {
        verifications++;
        Authorization authorization = scripted.get(payment.value());
        if (authorization == null) {
            throw PaymentRequiredException.rejected("invalid_payload", "unreadable payment");
        }
        if (authorization.refusal().isPresent()) {
            throw PaymentRequiredException.rejected(authorization.refusal().get(), "scripted refusal");
        }
        return new VerifiedPayment(
                2,
                PAYER_WALLET,
                offer.payTo(),
                offer.amount(),
                offer.network(),
                offer.asset(),
                authorization.nonce(),
                now.minusSeconds(600),
                authorization.validBefore(),
                authorization.paymentIdentifier(),
                payment.fingerprint(),
                "{\"x402Version\":2,\"nonce\":\"" + authorization.nonce() + "\",\"amount\":\"" + offer.amount()
                        + "\"}");
    }

    @Override
    public Optional<String> paymentIdentifier(PresentedPayment payment) {
        return Optional.ofNullable(scripted.get(payment.value())).flatMap(Authorization::paymentIdentifier);
    }
}
