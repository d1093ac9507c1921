package dev.agentmarketplace.x402.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agentmarketplace.x402.json.JsonArray;
import dev.agentmarketplace.x402.json.JsonBoolean;
import dev.agentmarketplace.x402.json.JsonNull;
import dev.agentmarketplace.x402.json.JsonNumber;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonReader;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.json.JsonWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class X402CodecPropertiesTest {

    @Property
    void paymentSignatureDecodesToWhatWasEncoded(@ForAll("payments") PaymentPayload payment) {
        assertThat(X402Headers.decodePaymentSignature(X402Headers.encodePaymentSignature(payment)))
                .isEqualTo(payment);
    }

    @Property
    void xPaymentDecodesToWhatWasEncoded(@ForAll("paymentsV1") PaymentPayloadV1 payment) {
        assertThat(X402Headers.decodeXPayment(X402Headers.encodeXPayment(payment)))
                .isEqualTo(payment);
    }

    @Property
    void paymentRequiredDecodesToWhatWasEncoded(@ForAll("paymentRequireds") PaymentRequired required) {
        assertThat(X402Headers.decodePaymentRequired(X402Headers.encodePaymentRequired(required)))
                .isEqualTo(required);
    }

    @Property
    void paymentResponseDecodesToWhatWasEncoded(@ForAll("settlements") SettlementResponse response) {
        assertThat(X402Headers.decodePaymentResponse(X402Headers.encodePaymentResponse(response)))
                .isEqualTo(response);
    }

    @Property
    void jsonReadsBackWhatWasWritten(@ForAll("json") JsonValue value) {
        assertThat(new JsonReader(1 << 20, 64).read(JsonWriter.write(value))).isEqualTo(value);
    }

    @Property
    void randomBytesOnlyEverFailAsCodecErrors(@ForAll byte[] bytes) {
        String header = Base64.getEncoder().encodeToString(bytes);

        assertOnlyCodecErrors(header);
    }

    @Property
    void randomTextOnlyEverFailsAsCodecErrors(@ForAll String header) {
        assertOnlyCodecErrors(header);
    }

    @Property
    void mutatedPaymentsOnlyEverFailAsCodecErrors(
            @ForAll("payments") PaymentPayload payment, @ForAll int position, @ForAll char replacement) {
        String json = JsonWriter.write(X402Json.write(payment));
        int at = Math.floorMod(position, json.length());
        String mutated = json.substring(0, at) + replacement + json.substring(at + 1);

        assertOnlyCodecErrors(Base64.getEncoder().encodeToString(mutated.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertOnlyCodecErrors(String header) {
        Throwable thrown = catchThrowable(() -> X402Headers.decodePayment(header));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(X402CodecException.class);
        }
    }

    // ---- generators ----

    private static Arbitrary<String> hex(int digits) {
        return Arbitraries.strings()
                .withChars("0123456789abcdefABCDEF")
                .ofLength(digits)
                .map(h -> "0x" + h);
    }

    private static Arbitrary<BigInteger> uint256() {
        return Arbitraries.bigIntegers()
                .between(BigInteger.ZERO, Wire.UINT256_MAX)
                .edgeCases(c -> c.includeOnly(BigInteger.ZERO, Wire.UINT256_MAX));
    }

    private static Arbitrary<String> text() {
        // Any string UTF-8 can carry: no unpaired surrogates.
        return Arbitraries.strings()
                .ofMaxLength(16)
                .filter(s -> new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s));
    }

    private static Arbitrary<JsonObject> objects() {
        return Arbitraries.maps(text(), leaves()).ofMaxSize(4).map(JsonObject::new);
    }

    private static Arbitrary<JsonValue> leaves() {
        return Arbitraries.oneOf(
                text().map(JsonString::new),
                Arbitraries.bigDecimals().map(d -> new JsonNumber(d.toString().replace("E+", "E"))),
                Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.NULL));
    }

    @Provide
    Arbitrary<JsonValue> json() {
        return json(3);
    }

    private static Arbitrary<JsonValue> json(int depth) {
        if (depth == 0) {
            return leaves();
        }
        return Arbitraries.oneOf(
                leaves(),
                Arbitraries.maps(text(), json(depth - 1)).ofMaxSize(3).map(JsonObject::new),
                json(depth - 1).list().ofMaxSize(3).map(JsonArray::new));
    }

    private static Arbitrary<ResourceInfo> resources() {
        return Combinators.combine(text().filter(s -> !s.isBlank()), text().optional(), text().optional())
                .as(ResourceInfo::new);
    }

    private static Arbitrary<PaymentRequirements> requirements() {
        return Combinators.combine(
                        Arbitraries.of("eip155:8453", "eip155:84532", "eip155:1"),
                        uint256(),
                        hex(40),
                        hex(40),
                        Arbitraries.longs().greaterOrEqual(0),
                        text().filter(s -> !s.isEmpty()),
                        text().filter(s -> !s.isEmpty()))
                .as(PaymentRequirements::exactEvm);
    }

    private static Arbitrary<ExactEvmPayload> exactPayloads() {
        Arbitrary<Authorization> authorizations = Combinators.combine(
                        hex(40), hex(40), uint256(), uint256(), uint256(), hex(64))
                .as(Authorization::new);
        return Combinators.combine(hex(130), authorizations).as(ExactEvmPayload::new);
    }

    @Provide
    Arbitrary<PaymentPayload> payments() {
        return Combinators.combine(
                        resources().optional(),
                        requirements(),
                        exactPayloads(),
                        objects().optional())
                .as(PaymentPayload::new);
    }

    @Provide
    Arbitrary<PaymentPayloadV1> paymentsV1() {
        return Combinators.combine(Arbitraries.of("base", "base-sepolia", "avalanche"), exactPayloads())
                .as((network, payload) -> new PaymentPayloadV1("exact", network, payload));
    }

    @Provide
    Arbitrary<PaymentRequired> paymentRequireds() {
        return Combinators.combine(
                        text().optional(),
                        resources(),
                        requirements().list().ofMinSize(1).ofMaxSize(3),
                        objects().optional())
                .as(PaymentRequired::new);
    }

    @Provide
    Arbitrary<SettlementResponse> settlements() {
        return Combinators.combine(
                        Arbitraries.of(true, false),
                        text().optional(),
                        hex(40).optional(),
                        hex(64),
                        Arbitraries.of("eip155:8453", "base"),
                        uint256().optional(),
                        objects().optional())
                .as(SettlementResponse::new);
    }

    @Property
    void optionalFieldsStayAbsent(@ForAll("payments") PaymentPayload payment) {
        PaymentPayload bare =
                new PaymentPayload(Optional.empty(), payment.accepted(), payment.payload(), Optional.empty());

        assertThat(JsonWriter.write(X402Json.write(bare))).doesNotContain("\"resource\"", "\"extensions\"");
    }
}
