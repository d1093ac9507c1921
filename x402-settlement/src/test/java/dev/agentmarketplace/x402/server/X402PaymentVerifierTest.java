package dev.agentmarketplace.x402.server;

import static dev.agentmarketplace.x402.testing.Fixtures.AMOUNT;
import static dev.agentmarketplace.x402.testing.Fixtures.NONCE;
import static dev.agentmarketplace.x402.testing.Fixtures.NOW;
import static dev.agentmarketplace.x402.testing.Fixtures.OTHER_PAYEE;
import static dev.agentmarketplace.x402.testing.Fixtures.PAYER;
import static dev.agentmarketplace.x402.testing.Fixtures.PAY_TO;
import static dev.agentmarketplace.x402.testing.Fixtures.RESOURCE;
import static dev.agentmarketplace.x402.testing.Fixtures.USDC_BASE_SEPOLIA;
import static dev.agentmarketplace.x402.testing.Fixtures.draft;
import static dev.agentmarketplace.x402.testing.Fixtures.now;
import static dev.agentmarketplace.x402.testing.Fixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.payment.Payment;
import dev.agentmarketplace.core.payment.PaymentRepository.AttemptResult;
import dev.agentmarketplace.core.payment.PaymentRequiredException;
import dev.agentmarketplace.core.payment.PaymentSettings;
import dev.agentmarketplace.core.payment.PresentedPayment;
import dev.agentmarketplace.core.payment.VerifiedPayment;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.extensions.PaymentIdentifier;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonReader;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.json.JsonWriter;
import dev.agentmarketplace.x402.protocol.ExactEvmPayload;
import dev.agentmarketplace.x402.protocol.PaymentPayload;
import dev.agentmarketplace.x402.protocol.PaymentPayloadV1;
import dev.agentmarketplace.x402.protocol.PaymentRequired;
import dev.agentmarketplace.x402.protocol.PaymentRequiredV1;
import dev.agentmarketplace.x402.protocol.PaymentRequirements;
import dev.agentmarketplace.x402.protocol.PaymentRequirementsV1;
import dev.agentmarketplace.x402.protocol.ResourceInfo;
import dev.agentmarketplace.x402.protocol.SettlementResponse;
import dev.agentmarketplace.x402.protocol.X402Headers;
import dev.agentmarketplace.x402.protocol.X402Json;
import dev.agentmarketplace.x402.testing.Fixtures;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class X402PaymentVerifierTest {

    private static final JsonReader READER = new JsonReader(64 * 1024, 32);
    private static final String ID = "pay_7d5d747be160e280504c099d984bcfe0";

    private final X402PaymentVerifier verifier = new X402PaymentVerifier();

    private static PaymentRequirements offered() {
        return X402PaymentVerifier.requirements(offer());
    }

    private static PresentedPayment v2(PaymentPayload payment) {
        return new PresentedPayment(PresentedPayment.Version.V2, X402Headers.encodePaymentSignature(payment));
    }

    private static PresentedPayment v2(Fixtures.Draft draft, Optional<JsonObject> extensions) {
        return v2(new PaymentPayload(Optional.of(ResourceInfo.of(RESOURCE)), offered(), draft.sign(), extensions));
    }

    private static PresentedPayment v1(Fixtures.Draft draft) {
        return new PresentedPayment(PresentedPayment.Version.V1, X402Headers.encodeXPayment(draft.v1("base-sepolia")));
    }

    private static PresentedPayment raw(PresentedPayment.Version version, String json) {
        return new PresentedPayment(version, Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    }

    private void assertRejected(PresentedPayment payment, String reason, String messagePart) {
        assertThatThrownBy(() -> verifier.verify(payment, offer(), NOW))
                .isInstanceOfSatisfying(PaymentRequiredException.class, e -> {
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.getMessage())
                            .startsWith(payment.version().header() + ": ")
                            .contains(messagePart);
                });
    }

    // ---- the 402 ----

    @Test
    void v2RequirementsAreTheOffersExactTermsWithTheTokensDomain() {
        assertThat(offered())
                .isEqualTo(PaymentRequirements.exactEvm(
                        "eip155:84532", AMOUNT, USDC_BASE_SEPOLIA, PAY_TO, 300, "USDC", "2"));
    }

    @Test
    void v1RequirementsNameTheNetworkTheResourceAndTheMaxAmount() {
        PaymentRequirementsV1 v1 = X402PaymentVerifier.requirementsV1(offer()).orElseThrow();

        assertThat(v1.network()).isEqualTo("base-sepolia");
        assertThat(v1.maxAmountRequired()).isEqualTo(AMOUNT);
        assertThat(v1.resource()).isEqualTo(RESOURCE);
        assertThat(v1.description()).isEqualTo(offer().description());
        assertThat(v1.mimeType()).isEqualTo("application/json");
        assertThat(v1.payTo()).isEqualTo(PAY_TO);
        assertThat(v1.asset()).isEqualTo(USDC_BASE_SEPOLIA);
        assertThat(v1.maxTimeoutSeconds()).isEqualTo(300);
        assertThat(v1.extra()).contains(Fixtures.extra("USDC", "2"));
    }

    @Test
    void paymentRequiredHeaderDecodesToTheResourceTheOfferAndThePaymentIdentifierDeclaration() {
        PaymentRequired decoded = X402Headers.decodePaymentRequired(
                X402PaymentVerifier.paymentRequiredHeader(offer(), Optional.of("payment required")));

        assertThat(decoded.error()).contains("payment required");
        assertThat(decoded.resource())
                .isEqualTo(new ResourceInfo(
                        RESOURCE, Optional.of(offer().description()), Optional.of("application/json")));
        assertThat(decoded.accepts()).containsExactly(offered());
        JsonValue declaration =
                decoded.extensions().orElseThrow().get(PaymentIdentifier.KEY).orElseThrow();
        assertThat(declaration).isEqualTo(PaymentIdentifier.declaration(false));
    }

    @Test
    void paymentRequiredJsonIsTheSameObjectAsTheHeader() {
        String json = X402PaymentVerifier.paymentRequiredJson(offer(), Optional.empty());

        assertThat(X402Json.readPaymentRequired(READER.read(json)))
                .isEqualTo(X402PaymentVerifier.paymentRequired(offer(), Optional.empty()));
        assertThat(json).startsWith("{\"x402Version\":2,");
    }

    @Test
    void v1BodyIsVersionOneWithItsErrorAndTheOneEntry() {
        String json = X402PaymentVerifier.paymentRequiredV1Json(offer(), "X-PAYMENT header is required")
                .orElseThrow();

        PaymentRequiredV1 body = X402Json.readPaymentRequiredV1(READER.read(json));
        assertThat(body.error()).isEqualTo("X-PAYMENT header is required");
        assertThat(body.accepts())
                .containsExactly(X402PaymentVerifier.requirementsV1(offer()).orElseThrow());
        assertThat(json).startsWith("{\"x402Version\":1,");
    }

    @Test
    void networkWithoutAV1NameIsOfferedInVersion2Only() {
        PaymentSettings mainnet = new PaymentSettings(
                "eip155:1",
                WalletAddress.of("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"),
                Currency.USDC,
                "USD Coin",
                "2",
                Duration.ofSeconds(300),
                Duration.ofMinutes(2),
                Duration.ofSeconds(5),
                10);

        assertThat(X402PaymentVerifier.requirementsV1(Fixtures.offer(mainnet))).isEmpty();
        assertThat(X402PaymentVerifier.paymentRequiredV1Json(Fixtures.offer(mainnet), ""))
                .isEmpty();
        assertThat(X402PaymentVerifier.offered(Fixtures.offer(mainnet)).v2()).hasSize(1);
    }

    // ---- verification ----

    @Test
    void v2PaymentBecomesTheCoresVerifiedPayment() {
        PresentedPayment presented = v2(draft().withValidBefore(now() + 300), Optional.empty());

        VerifiedPayment verified = verifier.verify(presented, offer(), NOW);

        assertThat(verified.x402Version()).isEqualTo(2);
        assertThat(verified.payer()).isEqualTo(WalletAddress.of(PAYER));
        assertThat(verified.payTo()).isEqualTo(WalletAddress.of(PAY_TO));
        assertThat(verified.amount()).isEqualTo(AMOUNT);
        assertThat(verified.network()).isEqualTo("eip155:84532");
        assertThat(verified.asset()).isEqualTo(WalletAddress.of(USDC_BASE_SEPOLIA));
        assertThat(verified.nonce()).isEqualTo(NONCE);
        assertThat(verified.validAfter()).isEqualTo(NOW.minusSeconds(600));
        assertThat(verified.validBefore()).isEqualTo(NOW.plusSeconds(300));
        assertThat(verified.paymentIdentifier()).isEmpty();
        assertThat(verified.fingerprint()).isEqualTo(presented.fingerprint());
    }

    @Test
    void v1PaymentBecomesTheCoresVerifiedPaymentOnTheCaip2Network() {
        VerifiedPayment verified = verifier.verify(v1(draft()), offer(), NOW);

        assertThat(verified.x402Version()).isEqualTo(1);
        assertThat(verified.network()).isEqualTo("eip155:84532");
        assertThat(verified.payer()).isEqualTo(WalletAddress.of(PAYER));
        assertThat(verified.paymentIdentifier()).isEmpty();
    }

    @Test
    void nonceIsRecordedInLowerCase() {
        String upper = "0x" + NONCE.substring(2).toUpperCase();
        Fixtures.Draft draft = new Fixtures.Draft(
                draft().key(),
                PAYER,
                PAY_TO,
                AMOUNT,
                draft().validAfter(),
                draft().validBefore(),
                upper,
                draft().domain());

        assertThat(verifier.verify(v1(draft), offer(), NOW).nonce()).isEqualTo(NONCE);
    }

    @Test
    void settlementRequestCarriesThePaymentExactlyAsDecodedAndTheMatchedRequirement() {
        // Members in an unusual order, an explicit null: passed on as the client sent them.
        PaymentPayload payment = draft().v2(offered());
        JsonObject written = X402Json.write(payment);
        String clientJson =
                "{\"accepted\":" + JsonWriter.write(written.get("accepted").orElseThrow())
                        + ",\"resource\":null,\"payload\":"
                        + JsonWriter.write(written.get("payload").orElseThrow())
                        + ",\"x402Version\":2}";

        VerifiedPayment verified = verifier.verify(raw(PresentedPayment.Version.V2, clientJson), offer(), NOW);

        assertThat(verified.settlementRequest())
                .isEqualTo("{\"x402Version\":2,\"paymentPayload\":" + clientJson + ",\"paymentRequirements\":"
                        + JsonWriter.write(X402Json.write(offered())) + "}");
    }

    @Test
    void settlementRequestForwardsASignatureWithVZeroOrOneAsTwentySevenOrTwentyEight() {
        // The reference facilitator and the USDC contract accept only v = 27/28 (x402 digest).
        ExactEvmPayload signed = draft().sign();
        String canonical = signed.signature();
        int v = Integer.parseInt(canonical.substring(130), 16);
        String lowV = canonical.substring(0, 130) + (v == 27 ? "00" : "01");
        ExactEvmPayload low = new ExactEvmPayload(lowV, signed.authorization());

        VerifiedPayment v2 = verifier.verify(
                v2(new PaymentPayload(Optional.of(ResourceInfo.of(RESOURCE)), offered(), low, Optional.empty())),
                offer(),
                NOW);
        VerifiedPayment v1 = verifier.verify(
                new PresentedPayment(
                        PresentedPayment.Version.V1,
                        X402Headers.encodeXPayment(new PaymentPayloadV1("exact", "base-sepolia", low))),
                offer(),
                NOW);

        for (VerifiedPayment verified : List.of(v2, v1)) {
            JsonObject request = (JsonObject) READER.read(verified.settlementRequest());
            JsonObject payload =
                    (JsonObject) ((JsonObject) request.get("paymentPayload").orElseThrow())
                            .get("payload")
                            .orElseThrow();
            assertThat(payload.get("signature")).contains(new JsonString(canonical));
        }
    }

    @Test
    void v1SettlementRequestCarriesTheV1Requirement() {
        VerifiedPayment verified = verifier.verify(v1(draft()), offer(), NOW);

        JsonObject request = (JsonObject) READER.read(verified.settlementRequest());
        assertThat(request.get("x402Version")).contains(READER.read("1"));
        assertThat(request.get("paymentPayload")).contains(X402Json.write(draft().v1("base-sepolia")));
        assertThat(request.get("paymentRequirements"))
                .contains(X402Json.write(
                        X402PaymentVerifier.requirementsV1(offer()).orElseThrow()));
    }

    @Test
    void paymentIdentifierOfTheExtensionIsRecorded() {
        PresentedPayment presented = v2(draft(), Optional.of(PaymentIdentifier.echo(Optional.empty(), ID)));

        assertThat(verifier.verify(presented, offer(), NOW).paymentIdentifier()).contains(ID);
    }

    @Test
    void malformedPaymentIdentifierIsInvalidPayload() {
        JsonObject badId = new JsonObject(Map.of(
                PaymentIdentifier.KEY,
                new JsonObject(Map.of("info", new JsonObject(Map.of("id", new JsonString("short")))))));

        assertRejected(v2(draft(), Optional.of(badId)), "invalid_payload", "extensions.payment-identifier.info.id");
    }

    @Test
    void authorizationValidForeverIsRecordedUntilTheLatestStorableInstant() {
        BigInteger twoTo255 = BigInteger.ONE.shiftLeft(255);

        VerifiedPayment verified = verifier.verify(v1(draft().withValidBefore(twoTo255)), offer(), NOW);

        assertThat(verified.validBefore()).isEqualTo(X402PaymentVerifier.LATEST);
        assertThat(X402PaymentVerifier.LATEST).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
    }

    @Test
    void v1PaymentInThePaymentSignatureHeaderIsInvalidX402Version() {
        PresentedPayment mislabelled = new PresentedPayment(
                PresentedPayment.Version.V2, X402Headers.encodeXPayment(draft().v1("base-sepolia")));

        assertRejected(mislabelled, "invalid_x402_version", "expected 2, got 1");
    }

    @Test
    void v2PaymentInTheXPaymentHeaderIsInvalidX402Version() {
        PresentedPayment mislabelled = new PresentedPayment(
                PresentedPayment.Version.V1, X402Headers.encodePaymentSignature(draft().v2(offered())));

        assertRejected(mislabelled, "invalid_x402_version", "expected 1, got 2");
    }

    @Test
    void headerThatIsNotBase64JsonIsInvalidPayload() {
        assertRejected(new PresentedPayment(PresentedPayment.Version.V2, "not-a-payment"), "invalid_payload", "base64");
    }

    @Test
    void failedCheckBecomesARejectionWithItsX402Reason() {
        assertRejected(
                v2(draft().withTo(OTHER_PAYEE), Optional.empty()),
                "invalid_exact_evm_payload_recipient_mismatch",
                OTHER_PAYEE);
        assertRejected(
                v1(draft().withValue(BigInteger.ONE)),
                "invalid_exact_evm_payload_authorization_value_mismatch",
                "is not the required amount");
        assertRejected(v1(draft().signedBy(Fixtures.STRANGER_KEY)), "invalid_exact_evm_payload_signature", "not by");
    }

    @Test
    void echoOfAnOfferWithAnotherPriceIsInvalidPaymentRequirements() {
        PaymentRequirements stale = PaymentRequirements.exactEvm(
                "eip155:84532", BigInteger.valueOf(5_000), USDC_BASE_SEPOLIA, PAY_TO, 300, "USDC", "2");
        PresentedPayment presented =
                v2(draft().withValue(BigInteger.valueOf(5_000)).v2(stale));

        assertRejected(presented, "invalid_payment_requirements", "accepted.amount is 5000");
    }

    // ---- the payment identifier, read leniently ----

    @Test
    void paymentIdentifierIsReadWithoutVerifying() {
        PresentedPayment expiredForgery = v2(
                draft().withValidBefore(0).signedBy(Fixtures.STRANGER_KEY),
                Optional.of(PaymentIdentifier.echo(Optional.empty(), ID)));

        assertThat(verifier.paymentIdentifier(expiredForgery)).contains(ID);
    }

    @Test
    void unreadablePaymentIdentifierIsNone() {
        assertThat(verifier.paymentIdentifier(new PresentedPayment(PresentedPayment.Version.V2, "%%%")))
                .isEmpty();
        assertThat(verifier.paymentIdentifier(raw(PresentedPayment.Version.V2, "[1,2]")))
                .isEmpty();
        assertThat(verifier.paymentIdentifier(raw(
                        PresentedPayment.Version.V2,
                        "{\"extensions\":{\"payment-identifier\":{\"info\":{\"id\":\"short\"}}}}")))
                .isEmpty();
        assertThat(verifier.paymentIdentifier(raw(PresentedPayment.Version.V2, "{\"extensions\":7}")))
                .isEmpty();
    }

    @Test
    void v1PaymentHasNoPaymentIdentifier() {
        String v1WithExtensions =
                "{\"x402Version\":1,\"extensions\":{\"payment-identifier\":{\"info\":{\"id\":\"" + ID + "\"}}}}";

        assertThat(verifier.paymentIdentifier(raw(PresentedPayment.Version.V1, v1WithExtensions)))
                .isEmpty();
    }

    // ---- the settlement response ----

    private static Payment payment(PresentedPayment presented) {
        VerifiedPayment verified = new X402PaymentVerifier().verify(presented, offer(), NOW);
        return Payment.pending(
                TransactionId.of(UUID.fromString("6f1c1f8e-3f43-4d4c-9b0e-1f6c5c2d7a10")),
                AgentId.of("orchestrator"),
                IdempotencyKey.of("hire-key-0123456789"),
                verified,
                NOW);
    }

    @Test
    void settledV2PaymentAnswersPaymentResponseWithItsTransaction() {
        Payment settled = payment(v2(draft(), Optional.empty()))
                .claimed(NOW, NOW.plusSeconds(60))
                .after(new AttemptResult.Settled(Fixtures.NONCE), NOW);

        ResponseHeader header = X402PaymentVerifier.paymentResponse(settled).orElseThrow();

        assertThat(header.name()).isEqualTo("PAYMENT-RESPONSE");
        SettlementResponse response = X402Headers.decodePaymentResponse(header.value());
        assertThat(response.success()).isTrue();
        assertThat(response.transaction()).isEqualTo(Fixtures.NONCE);
        assertThat(response.network()).isEqualTo("eip155:84532");
        assertThat(response.payer()).contains(PAYER);
        assertThat(response.amount()).contains(AMOUNT);
    }

    @Test
    void failedV1PaymentAnswersXPaymentResponseWithItsReasonOnTheV1Network() {
        Payment failed = payment(v1(draft()))
                .claimed(NOW, NOW.plusSeconds(60))
                .after(new AttemptResult.Failed("insufficient_funds"), NOW);

        ResponseHeader header = X402PaymentVerifier.paymentResponse(failed).orElseThrow();

        assertThat(header.name()).isEqualTo("X-PAYMENT-RESPONSE");
        SettlementResponse response = X402Headers.decodePaymentResponse(header.value());
        assertThat(response.success()).isFalse();
        assertThat(response.errorReason()).contains("insufficient_funds");
        assertThat(response.transaction()).isEmpty();
        assertThat(response.network()).isEqualTo("base-sepolia");
        assertThat(response.amount()).isEmpty();
    }

    @Test
    void pendingPaymentHasNoSettlementResponseYet() {
        assertThat(X402PaymentVerifier.paymentResponse(payment(v1(draft())))).isEmpty();
    }

    @Test
    void paymentHeadersAreOnlyThoseTheCoreNames() {
        assertThat(List.of(PresentedPayment.Version.V1.header(), PresentedPayment.Version.V2.header()))
                .containsExactly(X402Headers.X_PAYMENT, X402Headers.PAYMENT_SIGNATURE);
    }
}
