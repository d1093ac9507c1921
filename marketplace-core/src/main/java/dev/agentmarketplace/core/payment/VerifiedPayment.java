package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.registry.WalletAddress;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A payment whose signature, payee, amount, token, network and time window the {@link
 * PaymentVerifier} has checked against an offer. {@code settlementRequest} is the facilitator's
 * {@code /verify} and {@code /settle} body ({@code {x402Version, paymentPayload,
 * paymentRequirements}}), opaque to the core and kept so a later replica can settle without the
 * original request.
 *
 * @param nonce the EIP-3009 nonce, {@code 0x} and 64 lower-case hex digits
 * @param paymentIdentifier the client's retry key from the payment-identifier extension, if sent
 */
public record VerifiedPayment(
        int x402Version,
        WalletAddress payer,
        WalletAddress payTo,
        BigInteger amount,
        String network,
        WalletAddress asset,
        String nonce,
        Instant validAfter,
        Instant validBefore,
        Optional<String> paymentIdentifier,
        String fingerprint,
        String settlementRequest) {
    private static final Pattern NONCE = Pattern.compile("0x[0-9a-f]{64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** The payment-identifier extension's id: 16-128 letters, digits, '_' or '-'. */
    private static final Pattern PAYMENT_IDENTIFIER = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    public VerifiedPayment {
        checkVersion(x402Version);
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(payTo, "payTo");
        checkAmount(amount);
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(asset, "asset");
        checkNonce(nonce);
        Objects.requireNonNull(validAfter, "validAfter");
        Objects.requireNonNull(validBefore, "validBefore");
        Objects.requireNonNull(paymentIdentifier, "paymentIdentifier")
                .ifPresent(VerifiedPayment::checkPaymentIdentifier);
        checkFingerprint(fingerprint);
        if (settlementRequest == null || settlementRequest.isBlank()) {
            throw new InvalidValueException("settlementRequest", "must not be empty");
        }
    }

    static void checkVersion(int x402Version) {
        if (x402Version != 1 && x402Version != 2) {
            throw new InvalidValueException("x402Version", "must be 1 or 2, was " + x402Version);
        }
    }

    static void checkAmount(BigInteger amount) {
        if (amount == null || amount.signum() <= 0) {
            throw new InvalidValueException("amount", "must be more than zero, was " + amount);
        }
    }

    static void checkFingerprint(String fingerprint) {
        if (fingerprint == null || !SHA256.matcher(fingerprint).matches()) {
            throw new InvalidValueException("fingerprint", "must be 64 lower-case hex digits");
        }
    }

    static void checkNonce(String nonce) {
        if (nonce == null || !NONCE.matcher(nonce).matches()) {
            throw new InvalidValueException("nonce", "'" + nonce + "' is not 0x and 64 lower-case hex digits");
        }
    }

    static void checkPaymentIdentifier(String id) {
        if (!PAYMENT_IDENTIFIER.matcher(id).matches()) {
            throw new InvalidValueException("payment-identifier", "id must be 16-128 letters, digits, '_' or '-'");
        }
    }
}
