package dev.agentmarketplace.x402.protocol;

import dev.agentmarketplace.x402.json.JsonArray;
import dev.agentmarketplace.x402.json.JsonBoolean;
import dev.agentmarketplace.x402.json.JsonNull;
import dev.agentmarketplace.x402.json.JsonNumber;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the members of one JSON object, each error naming its path. An optional member given as
 * {@code null} counts as absent: some SDKs write absent optionals as null.
 */
final class Fields {

    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final JsonObject object;
    private final String path;
    private final Reason reason;
    private final Set<String> read = new HashSet<>();

    private Fields(JsonObject object, String path, Reason reason) {
        this.object = object;
        this.path = path;
        this.reason = reason;
    }

    static Fields of(JsonValue value, String path, Reason reason) {
        if (!(value instanceof JsonObject object)) {
            throw new X402CodecException(reason, path, "must be a JSON object, got " + kind(value));
        }
        return new Fields(object, path, reason);
    }

    Reason reason() {
        return reason;
    }

    String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Builds a value, naming the failing field from this object's path. */
    <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (X402CodecException e) {
            throw e.within(path);
        }
    }

    JsonValue required(String name) {
        return optional(name).orElseThrow(() -> new X402CodecException(reason, path(name), "is required"));
    }

    Optional<JsonValue> optional(String name) {
        read.add(name);
        return object.get(name).filter(v -> v != JsonNull.NULL);
    }

    String string(String name) {
        return asString(required(name), name);
    }

    Optional<String> optionalString(String name) {
        return optional(name).map(v -> asString(v, name));
    }

    boolean bool(String name) {
        if (!(required(name) instanceof JsonBoolean b)) {
            throw wrongType(name, "a boolean");
        }
        return b.value();
    }

    long nonNegativeLong(String name) {
        if (!(required(name) instanceof JsonNumber n) || !n.isPlainInteger()) {
            throw wrongType(name, "an integer number");
        }
        BigDecimal value = n.bigDecimal();
        if (value.signum() < 0 || value.compareTo(LONG_MAX) > 0) {
            throw new X402CodecException(reason, path(name), "out of range: " + n.text());
        }
        return value.longValueExact();
    }

    JsonObject object(String name) {
        return asObject(required(name), name);
    }

    Optional<JsonObject> optionalObject(String name) {
        return optional(name).map(v -> asObject(v, name));
    }

    List<JsonValue> array(String name) {
        if (!(required(name) instanceof JsonArray a)) {
            throw wrongType(name, "an array");
        }
        return a.elements();
    }

    /** Refuses members this object's type does not define, once all known ones have been read. */
    void noOthers() {
        for (String name : object.members().keySet()) {
            if (!read.contains(name)) {
                throw new X402CodecException(reason, path(name), "is not a field of this object");
            }
        }
    }

    private String asString(JsonValue value, String name) {
        if (!(value instanceof JsonString s)) {
            throw wrongType(name, "a string");
        }
        return s.value();
    }

    private JsonObject asObject(JsonValue value, String name) {
        if (!(value instanceof JsonObject o)) {
            throw wrongType(name, "a JSON object");
        }
        return o;
    }

    private X402CodecException wrongType(String name, String expected) {
        return new X402CodecException(
                reason,
                path(name),
                "must be " + expected + ", got " + kind(object.members().get(name)));
    }

    static String kind(JsonValue value) {
        return switch (value) {
            case JsonObject ignored -> "an object";
            case JsonArray ignored -> "an array";
            case JsonString ignored -> "a string";
            case JsonNumber ignored -> "a number";
            case JsonBoolean ignored -> "a boolean";
            case JsonNull ignored -> "null";
        };
    }
}
