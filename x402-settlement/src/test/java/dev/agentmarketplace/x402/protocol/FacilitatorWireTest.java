package dev.agentmarketplace.x402.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.x402.json.JsonNumber;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonReader;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.json.JsonWriter;
import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The facilitator API's objects (x402 specification v2 §7) and the raw JSON of a header. */
class FacilitatorWireTest {

    private static final JsonReader READER = new JsonReader(64 * 1024, 32);

    @Test
    void facilitatorRequestIsVersionPayloadAndRequirementsInTheSpecificationsOrder() {
        JsonValue payload = READER.read("{\"b\":1,\"a\":null}");

        JsonObject request = X402Json.facilitatorRequest(2, payload, X402Json.write(Examples.requirements()));

        assertThat(JsonWriter.write(request))
                .startsWith("{\"x402Version\":2,\"paymentPayload\":{\"b\":1,\"a\":null},\"paymentRequirements\":{");
    }

    @Test
    void verifyResponseOfTheSpecificationReadsAndWritesBack() {
        String json = "{\"isValid\":false,\"invalidReason\":\"insufficient_funds\","
                + "\"payer\":\"0x857b06519E91e3A54538791bDbb0E22373e36b66\"}";

        VerifyResponse response = X402Json.readVerifyResponse(READER.read(json));

        assertThat(response)
                .isEqualTo(new VerifyResponse(false, Optional.of("insufficient_funds"), Optional.of(Examples.FROM)));
        assertThat(JsonWriter.write(X402Json.write(response))).isEqualTo(json);
    }

    @Test
    void verifyResponseIgnoresMembersFacilitatorsAdd() {
        VerifyResponse response =
                X402Json.readVerifyResponse(READER.read("{\"isValid\":true,\"invalidMessage\":null,\"extra\":1}"));

        assertThat(response).isEqualTo(new VerifyResponse(true, Optional.empty(), Optional.empty()));
    }

    @Test
    void verifyResponseWithoutIsValidIsRefused() {
        assertThatThrownBy(() -> X402Json.readVerifyResponse(READER.read("{\"valid\":true}")))
                .isInstanceOfSatisfying(X402CodecException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_PAYLOAD);
                    assertThat(e.field()).isEqualTo("isValid");
                });
    }

    @Test
    void supportedResponseReadsBackWhatIsWritten() {
        SupportedResponse supported = new SupportedResponse(
                List.of(
                        new SupportedKind(2, "exact", "eip155:84532", Optional.empty()),
                        new SupportedKind(
                                1,
                                "exact",
                                "base-sepolia",
                                Optional.of(new JsonObject(Map.of("feePayer", new JsonString("x")))))),
                List.of("payment-identifier"),
                Map.of("eip155:*", List.of("0x1234567890abcdef1234567890abcdef12345678")));

        assertThat(X402Json.readSupportedResponse(X402Json.write(supported))).isEqualTo(supported);
    }

    @Test
    void supportedKindWithoutANumericVersionIsRefused() {
        String json = "{\"kinds\":[{\"x402Version\":\"2\",\"scheme\":\"exact\",\"network\":\"eip155:1\"}]}";

        assertThatThrownBy(() -> X402Json.readSupportedResponse(READER.read(json)))
                .isInstanceOfSatisfying(
                        X402CodecException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_X402_VERSION));
    }

    @Test
    void signerListThatIsNotAnArrayOfStringsIsRefusedByPath() {
        String json = "{\"kinds\":[],\"signers\":{\"eip155:*\":[\"0xabc\",7]}}";

        assertThatThrownBy(() -> X402Json.readSupportedResponse(READER.read(json)))
                .isInstanceOfSatisfying(
                        X402CodecException.class, e -> assertThat(e.field()).isEqualTo("signers.eip155:*[1]"));
    }

    @Test
    void headerJsonIsTheDecodedValueBeforeAnyTypeIsRead() {
        String header =
                Base64.getEncoder().encodeToString("{\"x402Version\":9,\"z\":[]}".getBytes(StandardCharsets.UTF_8));

        JsonObject json = (JsonObject) X402Headers.decodeJson(header);

        assertThat(json.get("x402Version")).contains(new JsonNumber("9"));
        assertThat(json.members().keySet()).containsExactly("x402Version", "z");
    }

    @Test
    void headerJsonKeepsTheBase64Rules() {
        assertThatThrownBy(() -> X402Headers.decodeJson("eyJ9"))
                .isInstanceOfSatisfying(
                        X402CodecException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_PAYLOAD));
    }
}
