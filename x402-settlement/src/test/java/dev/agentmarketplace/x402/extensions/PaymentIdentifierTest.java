package dev.agentmarketplace.x402.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.x402.json.JsonBoolean;
import dev.agentmarketplace.x402.json.JsonNumber;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonReader;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.protocol.X402CodecException;
import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaymentIdentifierTest {

    private static final JsonReader READER = new JsonReader(64 * 1024, 32);
    private static final String ID = "pay_7d5d747be160e280504c099d984bcfe0";

    // The server's declaration as payment_identifier.md gives it.
    private static final String SPECIFICATION_DECLARATION = """
            {
              "info": { "required": false },
              "schema": {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "type": "object",
                "properties": {
                  "required": { "type": "boolean" },
                  "id": { "type": "string", "minLength": 16, "maxLength": 128 }
                },
                "required": ["required"]
              }
            }
            """;

    private static Optional<JsonObject> extensions(String json) {
        return Optional.of((JsonObject) READER.read(json));
    }

    private static void assertMalformed(String extensionsJson, String field) {
        assertThatThrownBy(() -> PaymentIdentifier.read(extensions(extensionsJson)))
                .isInstanceOfSatisfying(X402CodecException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_PAYLOAD);
                    assertThat(e.field()).isEqualTo(field);
                });
    }

    @Test
    void serverDeclarationIsTheSpecificationsObject() {
        assertThat(PaymentIdentifier.declaration(false)).isEqualTo(READER.read(SPECIFICATION_DECLARATION));
    }

    @Test
    void requiredDeclarationSaysSo() {
        assertThat(PaymentIdentifier.declaration(true).get("info"))
                .contains(new JsonObject(Map.of("required", JsonBoolean.TRUE)));
        assertThat(PaymentIdentifier.required(PaymentIdentifier.declaration(true)))
                .isTrue();
        assertThat(PaymentIdentifier.required(PaymentIdentifier.declaration(false)))
                .isFalse();
    }

    @Test
    void specificationEchoReadsToItsId() {
        String echo = """
                {"payment-identifier": {
                   "schema": {"type": "object"},
                   "info": {"required": false, "id": "pay_7d5d747be160e280504c099d984bcfe0"}}}
                """;

        assertThat(PaymentIdentifier.read(extensions(echo))).contains(ID);
    }

    @Test
    void absentExtensionsExtensionOrIdReadAsNoIdentifier() {
        assertThat(PaymentIdentifier.read(Optional.empty())).isEmpty();
        assertThat(PaymentIdentifier.read(extensions("{\"bazaar\": {}}"))).isEmpty();
        assertThat(PaymentIdentifier.read(extensions("{\"payment-identifier\": {\"schema\": {}}}")))
                .isEmpty();
        assertThat(PaymentIdentifier.read(extensions("{\"payment-identifier\": {\"info\": {\"required\": false}}}")))
                .isEmpty();
    }

    @Test
    void idShorterThanSixteenCharactersIsInvalidPayload() {
        assertMalformed(
                "{\"payment-identifier\": {\"info\": {\"id\": \"pay_123456789ab\"}}}",
                "extensions.payment-identifier.info.id");
    }

    @Test
    void idLongerThan128CharactersIsInvalidPayload() {
        assertMalformed(
                "{\"payment-identifier\": {\"info\": {\"id\": \"" + "a".repeat(129) + "\"}}}",
                "extensions.payment-identifier.info.id");
    }

    @Test
    void idWithACharacterOutsideLettersDigitsUnderscoreAndHyphenIsInvalidPayload() {
        assertMalformed(
                "{\"payment-identifier\": {\"info\": {\"id\": \"pay_7d5d747be160e2.0504c099\"}}}",
                "extensions.payment-identifier.info.id");
    }

    @Test
    void idThatIsNotAStringIsInvalidPayload() {
        assertMalformed(
                "{\"payment-identifier\": {\"info\": {\"id\": 12345678901234567890}}}",
                "extensions.payment-identifier.info.id");
    }

    @Test
    void extensionOrInfoThatIsNotAnObjectIsInvalidPayload() {
        assertMalformed("{\"payment-identifier\": \"" + ID + "\"}", "extensions.payment-identifier");
        assertMalformed("{\"payment-identifier\": {\"info\": [\"" + ID + "\"]}}", "extensions.payment-identifier.info");
    }

    @Test
    void echoKeepsEveryDeclaredExtensionAndAddsTheIdToTheDeclaration() {
        JsonObject bazaar = new JsonObject(Map.of("info", new JsonObject(Map.of("x", JsonNumber.of(1)))));
        JsonObject declared =
                new JsonObject(Map.of("bazaar", bazaar, PaymentIdentifier.KEY, PaymentIdentifier.declaration(false)));

        JsonObject echoed = PaymentIdentifier.echo(Optional.of(declared), ID);

        assertThat(echoed.get("bazaar")).contains(bazaar);
        JsonObject extension = (JsonObject) echoed.get(PaymentIdentifier.KEY).orElseThrow();
        assertThat(extension.get("schema"))
                .isEqualTo(PaymentIdentifier.declaration(false).get("schema"));
        assertThat(extension.get("info"))
                .contains(new JsonObject(Map.of("required", JsonBoolean.FALSE, "id", new JsonString(ID))));
        assertThat(PaymentIdentifier.read(Optional.of(echoed))).contains(ID);
    }

    @Test
    void echoWithoutADeclarationAddsTheStandardOne() {
        JsonObject echoed = PaymentIdentifier.echo(Optional.empty(), ID);

        assertThat(echoed.members()).containsOnlyKeys(PaymentIdentifier.KEY);
        assertThat(PaymentIdentifier.read(Optional.of(echoed))).contains(ID);
    }

    @Test
    void echoRefusesAMalformedId() {
        assertThatThrownBy(() -> PaymentIdentifier.echo(Optional.empty(), "too-short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 to 128");
    }

    @Test
    void generatedIdsAreWellFormedAndDistinct() {
        SecureRandom random = new SecureRandom();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = PaymentIdentifier.generate(random);
            assertThat(id).startsWith("pay_").hasSize(36);
            assertThat(PaymentIdentifier.isValid(id)).isTrue();
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }
}
