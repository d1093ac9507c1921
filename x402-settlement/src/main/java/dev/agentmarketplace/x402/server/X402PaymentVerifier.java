package dev.agentmarketplace.x402.server;

import dev.agentmarketplace.core.payment.Payment;
import dev.agentmarketplace.core.payment.PaymentOffer;
import dev.agentmarketplace.core.payment.PaymentRequiredException;
import dev.agentmarketplace.core.payment.PaymentVerifier;
import dev.agentmarketplace.core.payment.PresentedPayment;
import dev.agentmarketplace.core.payment.VerifiedPayment;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.evm.Signature;
import dev.agentmarketplace.x402.exact.EvmNetworks;
import dev.agentmarketplace.x402.exact.ExactEvmVerifier;
import dev.agentmarketplace.x402.exact.ExactPaymentException;
import dev.agentmarketplace.x402.exact.Offered;
import dev.agentmarketplace.x402.exact.VerifiedExactPayment;
import dev.agentmarketplace.x402.extensions.PaymentIdentifier;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.json.JsonWriter;
import dev.agentmarketplace.x402.protocol.PaymentPayload;
import dev.agentmarketplace.x402.protocol.PaymentRequired;
import dev.agentmarketplace.x402.protocol.PaymentRequiredV1;
import dev.agentmarketplace.x402.protocol.PaymentRequirements;
import dev.agentmarketplace.x402.protocol.PaymentRequirementsV1;
import dev.agentmarketplace.x402.protocol.ResourceInfo;
import dev.agentmarketplace.x402.protocol.SettlementResponse;
import dev.agentmarketplace.x402.protocol.SignedPayment;
import dev.agentmarketplace.x402.protocol.X402CodecException;
import dev.agentmarketplace.x402.protocol.X402Headers;
import dev.agentmarketplace.x402.protocol.X402Json;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resource server's side of x402 for the platform: a {@link PaymentOffer} rendered as the
 * payment requirements of a 402 (version 2 and version 1), a presented payment header verified
 * against it ({@link ExactEvmVerifier}), and a settled {@link Payment} rendered as the payment
 * response header.
 *
 * <p>Every refusal is a {@link PaymentRequiredException} whose reason is the x402 error reason of
 * the first check that failed; its message names the header and the field.
 */
public final class X402PaymentVerifier implements PaymentVerifier {

    /** The mime type of what a hire answers, as the requirements announce it. */
    public static final String MIME_TYPE = "application/json";

    /**
     * The latest time a payment's window is recorded with. EIP-3009's {@code validBefore} is a
     * uint256, and an authorization that never expires (2^255 seconds, say) is legal on chain; the
     * core only asks whether the window has closed, which a deadline in the year 9999 answers
     * the same way, and every SQL timestamp type can store it, which {@link Instant#MAX} cannot.
     */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final ExactEvmVerifier exact = new ExactEvmVerifier();

    // ---- the offer, as x402 renders it ----

    /** The offer as a version 2 {@code accepts} entry: exact, on the offer's network and token. */
    public static PaymentRequirements requirements(PaymentOffer offer) {
        return PaymentRequirements.exactEvm(
                offer.network(),
                offer.amount(),
                offer.asset().value(),
                offer.payTo().value(),
                offer.maxTimeoutSeconds(),
                offer.settings().tokenName(),
                offer.settings().tokenVersion());
    }

    /**
     * The offer as a version 1 {@code accepts} entry; empty when version 1 has no name for the
     * offer's network (see {@link EvmNetworks}), so version 1 clients cannot pay there.
     */
    public static Optional<PaymentRequirementsV1> requirementsV1(PaymentOffer offer) {
        return EvmNetworks.v1Name(offer.network())
                .map(network -> new PaymentRequirementsV1(
                        "exact",
                        network,
                        offer.amount(),
                        offer.resource(),
                        offer.description(),
                        MIME_TYPE,
                        offer.payTo().value(),
                        offer.maxTimeoutSeconds(),
                        offer.asset().value(),
                        Optional.empty(),
                        Optional.of(requirements(offer).extra())));
    }

    /** What a payment for {@code offer} is checked against: both versions' entries. */
    public static Offered offered(PaymentOffer offer) {
        return new Offered(
                List.of(requirements(offer)),
                requirementsV1(offer).map(List::of).orElse(List.of()));
    }

    /**
     * The version 2 402 answer: the resource ({@code url}, {@code description}, {@code mimeType}),
     * the one way to pay, and the {@code payment-identifier} extension declared (not required), so
     * a client can carry its retry key inside the payment.
     */
    public static PaymentRequired paymentRequired(PaymentOffer offer, Optional<String> error) {
        Map<String, JsonValue> extensions = new LinkedHashMap<>();
        extensions.put(PaymentIdentifier.KEY, PaymentIdentifier.declaration(false));
        return new PaymentRequired(
                error,
                new ResourceInfo(offer.resource(), Optional.of(offer.description()), Optional.of(MIME_TYPE)),
                List.of(requirements(offer)),
                Optional.of(new JsonObject(extensions)));
    }

    /** The value of the {@code PAYMENT-REQUIRED} header of a version 2 402. */
    public static String paymentRequiredHeader(PaymentOffer offer, Optional<String> error) {
        return X402Headers.encodePaymentRequired(paymentRequired(offer, error));
    }

    /** The {@link #paymentRequired} object as JSON text, for a 402 body. */
    public static String paymentRequiredJson(PaymentOffer offer, Optional<String> error) {
        return JsonWriter.write(X402Json.write(paymentRequired(offer, error)));
    }

    /** The version 1 402 body, {@code {x402Version: 1, error, accepts}}; empty as {@link #requirementsV1}. */
    public static Optional<PaymentRequiredV1> paymentRequiredV1(PaymentOffer offer, String error) {
        return requirementsV1(offer).map(requirements -> new PaymentRequiredV1(error, List.of(requirements)));
    }

    /** The {@link #paymentRequiredV1} body as JSON text. */
    public static Optional<String> paymentRequiredV1Json(PaymentOffer offer, String error) {
        return paymentRequiredV1(offer, error).map(body -> JsonWriter.write(X402Json.write(body)));
    }

    /**
     * The settlement response header of a payment whose settlement is decided: {@code
     * PAYMENT-RESPONSE} (version 2) or {@code X-PAYMENT-RESPONSE} (version 1), with the transaction
     * of a settled payment or the reason of a failed one. Empty while it is still pending.
     */
    public static Optional<ResponseHeader> paymentResponse(Payment payment) {
        boolean v1 = payment.x402Version() == 1;
        String network = v1 ? EvmNetworks.v1Name(payment.network()).orElse(payment.network()) : payment.network();
        // The amount member is version 2's; version 1 answers do not carry it.
        Optional<BigInteger> amount = v1 ? Optional.empty() : Optional.of(payment.amount());
        Optional<String> payer = Optional.of(payment.payer().value());
        Optional<SettlementResponse> response = switch (payment.state()) {
            case SETTLED ->
                Optional.of(new SettlementResponse(
                        true,
                        Optional.empty(),
                        payer,
                        payment.facilitatorTransaction().orElseThrow(),
                        network,
                        amount,
                        Optional.empty()));
            case FAILED ->
                Optional.of(new SettlementResponse(
                        false, payment.failureReason(), payer, "", network, amount, Optional.empty()));
            case PENDING, SENDING, OUTCOME_UNKNOWN -> Optional.empty();
        };
        String name = v1 ? X402Headers.X_PAYMENT_RESPONSE : X402Headers.PAYMENT_RESPONSE;
        return response.map(r -> new ResponseHeader(name, X402Headers.encodePaymentResponse(r)));
    }

    // ---- verification ----

    /**
     * Decodes the header (version 2 in {@code PAYMENT-SIGNATURE}, version 1 in {@code X-PAYMENT};
     * the other version in either is {@code invalid_x402_version}), reads its payment identifier
     * strictly, and checks it against the offer. The facilitator request it returns carries the
     * client's payment JSON exactly as decoded and the matched requirement.
     */
    @Override
    public VerifiedPayment verify(PresentedPayment presented, PaymentOffer offer, Instant now) {
        String header = presented.version().header();
        try {
            JsonValue json = X402Headers.decodeJson(presented.value());
            SignedPayment payment = switch (presented.version()) {
                case V2 -> X402Json.readPaymentPayload(json);
                case V1 -> X402Json.readPaymentPayloadV1(json);
            };
            Optional<String> identifier =
                    payment instanceof PaymentPayload v2 ? PaymentIdentifier.read(v2.extensions()) : Optional.empty();
            VerifiedExactPayment verified = exact.verify(payment, offered(offer), now);
            String settlementRequest = JsonWriter.write(X402Json.facilitatorRequest(
                    verified.x402Version(), withCanonicalV(json), verified.requirementsJson()));
            return new VerifiedPayment(
                    verified.x402Version(),
                    WalletAddress.of(verified.payer().value(), "payer"),
                    WalletAddress.of(verified.payTo().value(), "payTo"),
                    verified.amount(),
                    verified.network(),
                    WalletAddress.of(verified.asset().value(), "asset"),
                    verified.authorization().nonce().value(),
                    instant(verified.authorization().validAfter()),
                    instant(verified.authorization().validBefore()),
                    identifier,
                    presented.fingerprint(),
                    settlementRequest);
        } catch (X402CodecException e) {
            throw PaymentRequiredException.rejected(e.reason().code(), header + ": " + e.getMessage());
        } catch (ExactPaymentException e) {
            throw PaymentRequiredException.rejected(e.reason().code(), header + ": " + e.getMessage());
        }
    }

    /**
     * The payment identifier of a version 2 header, read from its JSON alone (nothing else is
     * checked, so a resent payment is recognised even once it would no longer verify); empty for
     * version 1, which has no extensions, and for anything unreadable.
     */
    @Override
    public Optional<String> paymentIdentifier(PresentedPayment presented) {
        if (presented.version() != PresentedPayment.Version.V2) {
            return Optional.empty();
        }
        try {
            if (!(X402Headers.decodeJson(presented.value()) instanceof JsonObject payment)) {
                return Optional.empty();
            }
            return PaymentIdentifier.read(payment.get("extensions")
                    .filter(JsonObject.class::isInstance)
                    .map(JsonObject.class::cast));
        } catch (X402CodecException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * The payment JSON with a signature's v = 0/1 rewritten as 27/28, everything else as decoded.
     * The verifier accepts both spellings (x402 digest: "accept v = 0/1 on input and normalize"), but
     * the reference facilitator and the USDC contract's {@code ecrecover} take only 27/28, so the
     * normalized form is what is forwarded to {@code /verify} and {@code /settle}.
     */
    static JsonValue withCanonicalV(JsonValue payment) {
        if (!(payment instanceof JsonObject object)
                || !(object.get("payload").orElse(null) instanceof JsonObject payload)
                || !(payload.get("signature").orElse(null) instanceof JsonString(String signature))
                || signature.length() != 2 + 2 * Signature.LENGTH) {
            return payment;
        }
        String v = signature.substring(signature.length() - 2);
        if (!v.equals("00") && !v.equals("01")) {
            return payment;
        }
        String canonical = signature.substring(0, signature.length() - 2) + (v.equals("00") ? "1b" : "1c");
        Map<String, JsonValue> payloadMembers = new LinkedHashMap<>(payload.members());
        payloadMembers.put("signature", new JsonString(canonical));
        Map<String, JsonValue> members = new LinkedHashMap<>(object.members());
        members.put("payload", new JsonObject(payloadMembers));
        return new JsonObject(members);
    }

    private static Instant instant(BigInteger epochSeconds) {
        return epochSeconds.compareTo(BigInteger.valueOf(LATEST.getEpochSecond())) >= 0
                ? LATEST
                : Instant.ofEpochSecond(epochSeconds.longValueExact());
    }
}
