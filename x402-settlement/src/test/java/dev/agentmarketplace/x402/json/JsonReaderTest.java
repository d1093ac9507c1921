package dev.agentmarketplace.x402.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonReaderTest {

    private final JsonReader reader = new JsonReader(1024, 4);

    @Test
    void objectsKeepTheirMemberOrderAndWriteBackIdentically() {
        String text = "{\"b\":1,\"a\":[true,false,null],\"c\":{\"x\":\"y\"},\"d\":-0.5e+10}";
        JsonValue value = reader.read(text);

        assertThat(((JsonObject) value).members().keySet()).containsExactly("b", "a", "c", "d");
        assertThat(JsonWriter.write(value)).isEqualTo(text);
    }

    @Test
    void numbersKeepTheirExactTextBeyondDoublePrecision() {
        String max = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
        JsonValue value = reader.read("[" + max + ",1.10,1E400]");

        assertThat(((JsonArray) value).elements())
                .containsExactly(new JsonNumber(max), new JsonNumber("1.10"), new JsonNumber("1E400"));
        assertThat(new JsonNumber("1.10").bigDecimal()).isEqualByComparingTo("1.1");
    }

    @Test
    void everyEscapeAndSurrogatePairIsDecoded() {
        JsonValue value = reader.read("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"");

        assertThat(value).isEqualTo(new JsonString("\"\\/\b\f\n\r\té\uD83D\uDE00"));
    }

    @Test
    void writerEscapesControlCharactersAndKeepsOtherTextAsUtf8() {
        JsonValue value = new JsonString("a\u0001\"é\uD83D\uDE00\n");

        String written = JsonWriter.write(value);

        assertThat(written).isEqualTo("\"a\\u0001\\\"é\uD83D\uDE00\\n\"");
        assertThat(reader.read(written)).isEqualTo(value);
    }

    @Test
    void rawUtf8BytesAreDecoded() {
        assertThat(reader.read("\"é\"".getBytes(StandardCharsets.UTF_8))).isEqualTo(new JsonString("é"));
    }

    @Test
    void malformedUtf8IsRefused() {
        byte[] bytes = {'"', (byte) 0xC3, '"'};

        assertThatThrownBy(() -> reader.read(bytes))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @ParameterizedTest(name = "{0} → {1} at {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                "{\"a\":1,\"a\":2}|duplicate member name \"a\"|7",
                "[1,]|unexpected character ']'|3",
                "{\"a\":1,}|expected a member name|7",
                "01|leading zero in a number|1",
                "1.|expected a digit after '.'|2",
                "-|expected a digit|1",
                "+1|unexpected character '+'|0",
                "NaN|unexpected character 'N'|0",
                "tru|invalid literal, expected true|0",
                "\"a|unexpected end of input, expected '\"'|2",
                "\"\\x\"|invalid escape \\x|2",
                "\"\\u12g4\"|invalid hex digit in \\u escape|5",
                "\"\\ud83d\"|unpaired high surrogate in a string|8",
                "\"\\ude00\"|unpaired low surrogate in a string|7",
                "[[[[[1]]]]]|nesting deeper than 4|4",
                "1 2|unexpected text after the JSON value|2",
                "{'a':1}|expected a member name|1",
                "// c|unexpected character '/'|0",
                "''|unexpected character '''|0",
            })
    void malformedJsonIsRefusedWithItsOffset(String text, String message, int offset) {
        assertThatThrownBy(() -> reader.read(text))
                .isInstanceOfSatisfying(
                        JsonParseException.class, e -> assertThat(e.offset()).isEqualTo(offset))
                .hasMessage(message + " at offset " + offset);
    }

    @Test
    void emptyInputAndRawControlCharactersAreRefused() {
        assertThatThrownBy(() -> reader.read("")).hasMessageContaining("unexpected end of input");
        assertThatThrownBy(() -> reader.read("\"a\tb\"")).hasMessageContaining("unescaped control character U+0009");
        assertThatThrownBy(() -> reader.read("\uFEFF{}")).hasMessageContaining("unexpected character U+FEFF");
    }

    @Test
    void inputLongerThanTheLimitIsRefusedBeforeReading() {
        String text = "\"" + "a".repeat(1100) + "\"";

        assertThatThrownBy(() -> reader.read(text)).hasMessageContaining("exceeds the limit of 1024");
    }

    @Test
    void objectEqualityIgnoresMemberOrder() {
        assertThat(reader.read("{\"a\":1,\"b\":2}")).isEqualTo(reader.read("{\"b\":2,\"a\":1}"));
        assertThat(new JsonObject(Map.of("a", new JsonArray(List.of())))).isNotEqualTo(JsonObject.empty());
    }
}
