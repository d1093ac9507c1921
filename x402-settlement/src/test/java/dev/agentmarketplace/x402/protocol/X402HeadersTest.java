package dev.agentmarketplace.x402.protocol;

import static dev.agentmarketplace.x402.protocol.X402CodecException.Reason.INVALID_NETWORK;
import static dev.agentmarketplace.x402.protocol.X402CodecException.Reason.INVALID_PAYLOAD;
import static dev.agentmarketplace.x402.protocol.X402CodecException.Reason.INVALID_PAYMENT_REQUIREMENTS;
import static dev.agentmarketplace.x402.protocol.X402CodecException.Reason.INVALID_SCHEME;
import static dev.agentmarketplace.x402.protocol.X402CodecException.Reason.INVALID_X402_VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.x402.json.JsonReader;
import dev.agentmarketplace.x402.json.JsonWriter;
import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class X402HeadersTest {

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The example payment with one textual replacement, as a header. */
    private static String examplePaymentWith(String from, String to) {
        String json = Examples.PAYMENT_PAYLOAD_JSON;
        assertThat(json).contains(from);
        return base64(json.replace(from, to));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            Runnable decode, Reason reason, String field) {
        return assertThatThrownBy(decode::run).isInstanceOfSatisfying(X402CodecException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.field()).isEqualTo(field);
        });
    }

    @Test
    void specificationExamplePaymentDecodesToVector1() {
        PaymentPayload payment = X402Headers.decodePaymentSignature(base64(Examples.PAYMENT_PAYLOAD_JSON));

        Authorization a = payment.payload().authorization();
        assertThat(a.from()).isEqualTo("0x857b06519E91e3A54538791bDbb0E22373e36b66");
        assertThat(a.to()).isEqualTo("0x209693Bc6afc0C5328bA36FaF03C514EF312287C");
        assertThat(a.value()).isEqualTo(BigInteger.valueOf(10000));
        assertThat(a.validAfter()).isEqualTo(BigInteger.valueOf(1740672089));
        assertThat(a.validBefore()).isEqualTo(BigInteger.valueOf(1740672154));
        assertThat(a.nonce()).isEqualTo(Examples.NONCE);
        assertThat(payment.payload().signature()).isEqualTo(Examples.SIGNATURE);
        assertThat(payment.payload().signatureBytes()).hasSize(65).endsWith((byte) 0x1c);
        assertThat(payment.accepted().eip712Name()).contains("USDC");
        assertThat(payment.accepted().eip712Version()).contains("2");
        assertThat(payment.network()).isEqualTo("eip155:84532");
        assertThat(payment).isEqualTo(Examples.payment());
    }

    @Test
    void specificationExampleEncodesToItsCompactJson() {
        String header = X402Headers.encodePaymentSignature(Examples.payment());

        String compact = JsonWriter.write(new JsonReader(8192, 8).read(Examples.PAYMENT_PAYLOAD_JSON));
        assertThat(new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8))
                .isEqualTo(compact);
    }

    @Test
    void everyTypeRoundTripsThroughItsHeaderOrJson() {
        assertThat(X402Headers.decodePaymentRequired(X402Headers.encodePaymentRequired(Examples.paymentRequired())))
                .isEqualTo(Examples.paymentRequired());
        assertThat(X402Headers.decodePaymentSignature(X402Headers.encodePaymentSignature(Examples.payment())))
                .isEqualTo(Examples.payment());
        assertThat(X402Headers.decodeXPayment(X402Headers.encodeXPayment(Examples.paymentV1())))
                .isEqualTo(Examples.paymentV1());
        assertThat(X402Headers.decodePaymentResponse(X402Headers.encodePaymentResponse(Examples.settled())))
                .isEqualTo(Examples.settled());
        PaymentRequiredV1 v1 =
                new PaymentRequiredV1("X-PAYMENT header is required", List.of(Examples.requirementsV1()));
        assertThat(X402Json.readPaymentRequiredV1(X402Json.write(v1))).isEqualTo(v1);
        assertThat(X402Json.readPaymentRequirements(X402Json.write(Examples.requirements())))
                .isEqualTo(Examples.requirements());
    }

    @Test
    void minimalValuesWithoutOptionalsRoundTrip() {
        PaymentPayload bare = new PaymentPayload(
                Optional.empty(), Examples.requirements(), Examples.exactPayload(), Optional.empty());
        SettlementResponse failed = new SettlementResponse(
                false,
                Optional.of("insufficient_funds"),
                Optional.empty(),
                "",
                "base-sepolia",
                Optional.empty(),
                Optional.empty());

        assertThat(X402Headers.decodePaymentSignature(X402Headers.encodePaymentSignature(bare)))
                .isEqualTo(bare);
        assertThat(X402Headers.decodePaymentResponse(X402Headers.encodePaymentResponse(failed)))
                .isEqualTo(failed);
    }

    @Test
    void v1PaymentDecodesFromTheV1WireShape() {
        String json = """
                {"x402Version":1,"scheme":"exact","network":"base-sepolia","payload":%s}""".formatted(JsonWriter.write(X402Json.write(Examples.exactPayload())));

        assertThat(X402Headers.decodeXPayment(base64(json))).isEqualTo(Examples.paymentV1());
    }

    @Test
    void v1PaymentRequiredBodyReadsWithNullOptionalsAsAbsent() {
        String json = """
                {"x402Version":1,"error":"X-PAYMENT header is required","accepts":[{"scheme":"exact",
                "network":"base-sepolia","maxAmountRequired":"10000","resource":"https://api.example.com/premium-data",
                "description":"Access to premium market data","mimeType":"application/json",
                "payTo":"0x209693Bc6afc0C5328bA36FaF03C514EF312287C","maxTimeoutSeconds":60,
                "asset":"0x036CbD53842c5426634e7929541eC2318f3dCF7e","outputSchema":null,
                "extra":{"name":"USDC","version":"2"}}]}""";

        PaymentRequiredV1 required = X402Json.readPaymentRequiredV1(new JsonReader(8192, 8).read(json));

        assertThat(required.accepts()).containsExactly(Examples.requirementsV1());
        assertThat(JsonWriter.write(X402Json.write(required))).doesNotContain("outputSchema");
    }

    @Test
    void eitherVersionIsToldApartByX402Version() {
        assertThat(X402Headers.decodePayment(X402Headers.encodeXPayment(Examples.paymentV1())))
                .isInstanceOf(PaymentPayloadV1.class)
                .extracting(SignedPayment::x402Version)
                .isEqualTo(1);
        assertThat(X402Headers.decodePayment(X402Headers.encodePaymentSignature(Examples.payment())))
                .isInstanceOf(PaymentPayload.class)
                .extracting(SignedPayment::x402Version)
                .isEqualTo(2);
    }

    @Test
    void wrongVersionIsRefusedForEachHeader() {
        assertRefused(
                        () -> X402Headers.decodePaymentSignature(X402Headers.encodeXPayment(Examples.paymentV1())),
                        INVALID_X402_VERSION,
                        "x402Version")
                .hasMessageContaining("expected 2, got 1");
        assertRefused(
                () -> X402Headers.decodeXPayment(X402Headers.encodePaymentSignature(Examples.payment())),
                INVALID_X402_VERSION,
                "x402Version");
        assertRefused(
                () -> X402Headers.decodePayment(examplePaymentWith("\"x402Version\": 2", "\"x402Version\": 3")),
                INVALID_X402_VERSION,
                "x402Version");
        assertRefused(
                () -> X402Headers.decodePayment(examplePaymentWith("\"x402Version\": 2", "\"x402Version\": \"2\"")),
                INVALID_X402_VERSION,
                "x402Version");
        assertRefused(
                () -> X402Headers.decodePayment(examplePaymentWith("\"x402Version\": 2,", "")),
                INVALID_X402_VERSION,
                "x402Version");
    }

    @Test
    void badBase64IsRefused() {
        String good = X402Headers.encodePaymentSignature(Examples.payment());
        String urlSafe = Base64.getUrlEncoder().encodeToString("{\"a\":\"??>\"}".getBytes(StandardCharsets.UTF_8));

        assertRefused(() -> X402Headers.decodePaymentSignature(""), INVALID_PAYLOAD, "")
                .hasMessageContaining("empty");
        assertRefused(() -> X402Headers.decodePaymentSignature(urlSafe), INVALID_PAYLOAD, "")
                .hasMessageContaining("not standard base64");
        assertRefused(
                        () -> X402Headers.decodePaymentSignature(good.substring(0, 4) + " " + good.substring(5)),
                        INVALID_PAYLOAD,
                        "")
                .hasMessageContaining("not standard base64");
        assertRefused(() -> X402Headers.decodePaymentSignature("e30"), INVALID_PAYLOAD, "")
                .hasMessageContaining("not padded");
        // "e31=" carries stray low bits: it decodes to "{}" too, but is not how "{}" is encoded.
        assertRefused(() -> X402Headers.decodePaymentSignature("e31="), INVALID_PAYLOAD, "")
                .hasMessageContaining("not canonical");
    }

    @Test
    void oversizedHeaderIsRefusedBeforeDecoding() {
        String header = "A".repeat(X402Headers.MAX_HEADER_LENGTH + 4);

        assertRefused(() -> X402Headers.decodePaymentSignature(header), INVALID_PAYLOAD, "")
                .hasMessageContaining("more than the limit of 8192");
    }

    @Test
    void badJsonIsRefusedWithTheOffset() {
        assertRefused(() -> X402Headers.decodePaymentSignature(base64("{\"x402Version\":2,}")), INVALID_PAYLOAD, "")
                .hasMessageContaining("expected a member name at offset 17");
        assertRefused(() -> X402Headers.decodePaymentSignature(base64("[2]")), INVALID_PAYLOAD, "")
                .hasMessageContaining("must be a JSON object, got an array");
        assertRefused(
                        () -> X402Headers.decodePaymentSignature(base64("{\"x402Version\":2,\"x402Version\":1}")),
                        INVALID_PAYLOAD,
                        "")
                .hasMessageContaining("duplicate member name");
    }

    @Test
    void wrongTypesAreRefusedWithThePath() {
        assertRefused(
                        () -> X402Headers.decodePaymentSignature(
                                examplePaymentWith("\"value\": \"10000\"", "\"value\": 10000")),
                        INVALID_PAYLOAD,
                        "payload.authorization.value")
                .hasMessageContaining("must be a string, got a number");
        assertRefused(
                () -> X402Headers.decodePaymentSignature(
                        examplePaymentWith("\"maxTimeoutSeconds\": 60", "\"maxTimeoutSeconds\": \"60\"")),
                INVALID_PAYMENT_REQUIREMENTS,
                "accepted.maxTimeoutSeconds");
        assertRefused(
                () -> X402Headers.decodePaymentSignature(examplePaymentWith(
                        "\"resource\": {\n    \"url\": \"https://api.example.com/premium-data\",\n    \"description\": \"Access to premium market data\",\n    \"mimeType\": \"application/json\"\n  }",
                        "\"resource\": \"https://api.example.com/premium-data\"")),
                INVALID_PAYLOAD,
                "resource");
    }

    @Test
    void missingFieldsAreRefusedWithThePath() {
        assertRefused(
                        () -> X402Headers.decodePaymentSignature(
                                examplePaymentWith("\"nonce\": \"" + Examples.NONCE + "\"", "\"x\": 1")),
                        INVALID_PAYLOAD,
                        "payload.authorization.nonce")
                .hasMessageContaining("is required");
        assertRefused(
                () -> X402Headers.decodePaymentSignature(
                        examplePaymentWith("\"extra\": {\n      \"name\": \"USDC\",\n      ", "\"extra\": {")),
                INVALID_PAYMENT_REQUIREMENTS,
                "accepted.extra.name");
    }

    @Test
    void unknownMembersOfClosedObjectsAreRefused() {
        assertRefused(
                () -> X402Headers.decodePaymentSignature(
                        examplePaymentWith("\"value\": \"10000\"", "\"value\": \"10000\", \"memo\": \"hi\"")),
                INVALID_PAYLOAD,
                "payload.authorization.memo");
    }

    @Test
    void unknownMembersOfTheSettlementResponseAreIgnored() {
        String json = "{\"success\":false,\"errorReason\":\"x\",\"errorMessage\":\"why\",\"transaction\":\"\","
                + "\"network\":\"eip155:8453\"}";

        assertThat(X402Headers.decodePaymentResponse(base64(json)).errorReason())
                .contains("x");
    }

    @Test
    void outOfRangeAndNonCanonicalNumbersAreRefused() {
        String tooBig = Wire.UINT256_MAX.add(BigInteger.ONE).toString();
        Map<String, String> cases = Map.of(
                tooBig,
                "exceeds uint256",
                "-1",
                "decimal uint256",
                "010000",
                "decimal uint256",
                "1e4",
                "decimal uint256",
                "",
                "decimal uint256");
        cases.forEach((value, message) -> assertRefused(
                        () -> X402Headers.decodePaymentSignature(examplePaymentWith(
                                "\"validBefore\": \"1740672154\"", "\"validBefore\": \"" + value + "\"")),
                        INVALID_PAYLOAD,
                        "payload.authorization.validBefore")
                .hasMessageContaining(message));
        assertRefused(
                () -> X402Headers.decodePaymentSignature(
                        examplePaymentWith("\"maxTimeoutSeconds\": 60", "\"maxTimeoutSeconds\": 9223372036854775808")),
                INVALID_PAYMENT_REQUIREMENTS,
                "accepted.maxTimeoutSeconds");
        assertRefused(
                () -> X402Headers.decodePaymentSignature(
                        examplePaymentWith("\"maxTimeoutSeconds\": 60", "\"maxTimeoutSeconds\": 60.5")),
                INVALID_PAYMENT_REQUIREMENTS,
                "accepted.maxTimeoutSeconds");
    }

    @Test
    void hexFieldsOfTheWrongShapeAreRefused() {
        Function<String, String> shorter = s -> s.substring(0, s.length() - 2);
        assertRefused(
                () -> X402Headers.decodePaymentSignature(
                        examplePaymentWith(Examples.SIGNATURE, shorter.apply(Examples.SIGNATURE))),
                INVALID_PAYLOAD,
                "payload.signature");
        assertRefused(
                () -> X402Headers.decodePaymentSignature(
                        examplePaymentWith(Examples.NONCE, shorter.apply(Examples.NONCE))),
                INVALID_PAYLOAD,
                "payload.authorization.nonce");
        assertRefused(
                () -> X402Headers.decodePaymentSignature(examplePaymentWith(Examples.FROM, "0xnot-an-address")),
                INVALID_PAYLOAD,
                "payload.authorization.from");
        assertRefused(
                () -> X402Headers.decodePaymentSignature(examplePaymentWith(
                        "\"asset\": \"" + Examples.USDC_BASE_SEPOLIA, "\"asset\": \"0x036CbD53842c")),
                INVALID_PAYMENT_REQUIREMENTS,
                "accepted.asset");
    }

    @Test
    void schemeAndNetworkHaveTheirOwnReasons() {
        assertRefused(
                () -> X402Headers.decodePaymentSignature(
                        examplePaymentWith("\"scheme\": \"exact\"", "\"scheme\": \"upto\"")),
                INVALID_SCHEME,
                "accepted.scheme");
        assertRefused(
                () -> X402Headers.decodePaymentSignature(
                        examplePaymentWith("\"scheme\": \"exact\"", "\"scheme\": \"Exact!\"")),
                INVALID_SCHEME,
                "accepted.scheme");
        assertRefused(
                () -> X402Headers.decodePaymentSignature(examplePaymentWith("\"eip155:84532\"", "\"base-sepolia\"")),
                INVALID_NETWORK,
                "accepted.network");
        assertRefused(
                () -> X402Headers.decodeXPayment(
                        base64("{\"x402Version\":1,\"scheme\":\"exact\",\"network\":\"eip155:8453\",\"payload\":"
                                + JsonWriter.write(X402Json.write(Examples.exactPayload())) + "}")),
                INVALID_NETWORK,
                "network");
    }

    @Test
    void paymentRequiredWithNoWayToPayIsRefused() {
        String json = "{\"x402Version\":2,\"resource\":{\"url\":\"https://a.example/x\"},\"accepts\":[]}";

        assertRefused(() -> X402Headers.decodePaymentRequired(base64(json)), INVALID_PAYMENT_REQUIREMENTS, "accepts");
    }

    @Test
    void headerLookupIgnoresCaseAndRefusesTwoDifferentValues() {
        Map<String, List<String>> headers = Map.of("payment-signature", List.of("abc"), "Other", List.of("x"));

        assertThat(X402Headers.find(headers, X402Headers.PAYMENT_SIGNATURE)).contains("abc");
        assertThat(X402Headers.find(headers, X402Headers.X_PAYMENT)).isEmpty();
        assertRefused(
                () -> X402Headers.find(
                        Map.of("X-Payment", List.of("a"), "x-payment", List.of("b")), X402Headers.X_PAYMENT),
                INVALID_PAYLOAD,
                "X-PAYMENT");
    }

    @Test
    void successfulSettlementMustNameItsTransaction() {
        assertThatThrownBy(() -> new SettlementResponse(
                        true,
                        Optional.empty(),
                        Optional.empty(),
                        "",
                        "eip155:8453",
                        Optional.empty(),
                        Optional.empty()))
                .isInstanceOfSatisfying(
                        X402CodecException.class, e -> assertThat(e.field()).isEqualTo("transaction"));
    }
}
