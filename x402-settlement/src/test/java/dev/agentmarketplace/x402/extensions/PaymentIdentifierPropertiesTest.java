package dev.agentmarketplace.x402.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.protocol.X402CodecException;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** jqwik properties of the payment identifier's form: what is allowed reads back, nothing else reads. */
class PaymentIdentifierPropertiesTest {

    @Property
    void idsOfAllowedCharactersAndLengthReadBack(
            @ForAll @StringLength(min = 16, max = 128) @AlphaChars @NumericChars @Chars({'_', '-'}) String id) {
        JsonObject echoed = PaymentIdentifier.echo(Optional.empty(), id);

        assertThat(PaymentIdentifier.read(Optional.of(echoed))).contains(id);
    }

    @Property
    void lengthDecidesWhetherAnIdOfDigitsIsReadOrRefused(
            @ForAll @StringLength(min = 0, max = 300) @NumericChars String id) {
        boolean allowedLength = id.length() >= 16 && id.length() <= 128;
        JsonValue extension = new JsonObject(Map.of("info", new JsonObject(Map.of("id", new JsonString(id)))));
        Optional<JsonObject> extensions = Optional.of(new JsonObject(Map.of(PaymentIdentifier.KEY, extension)));

        if (allowedLength) {
            assertThat(PaymentIdentifier.read(extensions)).contains(id);
        } else {
            assertThatThrownBy(() -> PaymentIdentifier.read(extensions)).isInstanceOf(X402CodecException.class);
        }
    }
}
