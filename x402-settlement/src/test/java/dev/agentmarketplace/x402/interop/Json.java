package dev.agentmarketplace.x402.interop;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the scripts' JSON input and reads their output by path, over the module's own JSON types. */
public final class Json {
    private static final JsonReader READER = new JsonReader(4 * 1024 * 1024, 64);

    private Json() {}

    /** An object from name, value pairs; values are JSON values, strings, integers, booleans or lists. */
    public static JsonObject object(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            members.put((String) namesAndValues[i], value(namesAndValues[i + 1]));
        }
        return new JsonObject(members);
    }

    public static JsonValue value(Object value) {
        return switch (value) {
            case JsonValue json -> json;
            case String text -> new JsonString(text);
            case Integer number -> JsonNumber.of(number);
            case Long number -> JsonNumber.of(number);
            case BigInteger number -> new JsonNumber(number.toString());
            case Boolean bool -> JsonBoolean.of(bool);
            case List<?> list -> new JsonArray(list.stream().map(Json::value).toList());
            case Map<?, ?> map -> {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                map.forEach((name, member) -> members.put((String) name, value(member)));
                yield new JsonObject(members);
            }
            default -> throw new IllegalArgumentException("no JSON for " + value.getClass());
        };
    }

    public static JsonValue parse(String text) {
        return READER.read(text);
    }

    /** The value at a dotted path ({@code response.paymentResponse.payer}); an AssertionError if absent. */
    public static JsonValue at(JsonValue root, String path) {
        JsonValue current = root;
        for (String name : path.split("\\.")) {
            if (!(current instanceof JsonObject object) || object.get(name).isEmpty()) {
                throw new AssertionError("no " + path + " in " + JsonWriter.write(root));
            }
            current = object.get(name).orElseThrow();
        }
        return current;
    }

    public static String string(JsonValue root, String path) {
        if (at(root, path) instanceof JsonString string) {
            return string.value();
        }
        throw new AssertionError(path + " is not a string in " + JsonWriter.write(root));
    }

    public static long number(JsonValue root, String path) {
        if (at(root, path) instanceof JsonNumber number && number.isPlainInteger()) {
            return number.bigDecimal().longValueExact();
        }
        throw new AssertionError(path + " is not an integer in " + JsonWriter.write(root));
    }

    public static boolean bool(JsonValue root, String path) {
        if (at(root, path) instanceof JsonBoolean bool) {
            return bool.value();
        }
        throw new AssertionError(path + " is not a boolean in " + JsonWriter.write(root));
    }

    public static boolean isNull(JsonValue root, String path) {
        return at(root, path) == JsonNull.NULL;
    }
}
