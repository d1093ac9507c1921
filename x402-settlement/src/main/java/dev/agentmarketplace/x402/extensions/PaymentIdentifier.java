package dev.agentmarketplace.x402.extensions;

import dev.agentmarketplace.x402.json.JsonArray;
import dev.agentmarketplace.x402.json.JsonBoolean;
import dev.agentmarketplace.x402.json.JsonNumber;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.protocol.X402CodecException;
import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code payment-identifier} extension (x402 specs/extensions/payment_identifier.md): a client's
 * retry key carried inside the payment. The server declares it in {@code PaymentRequired.extensions}
 * as {@code {info: {required}, schema}}; the client echoes the declaration with {@code info.id}
 * added, 16 to 128 letters, digits, {@code _} or {@code -}, and reuses the id when it resends the
 * same payment.
 */
public final class PaymentIdentifier {

    /** The extension's key in {@code extensions}. */
    public static final String KEY = "payment-identifier";

    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 128;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{" + MIN_LENGTH + "," + MAX_LENGTH + "}");
    private static final String ID_PATH = "extensions." + KEY + ".info.id";
    // The extension's own prefix for a generated id (payment_identifier.md, "id Format").
    private static final String PREFIX = "pay_";
    private static final int RANDOM_BYTES = 16;

    private PaymentIdentifier() {}

    /** Whether {@code id} is a well-formed payment identifier. */
    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** A fresh identifier: {@code pay_} and 32 random hex digits (128 bits, as a UUID v4 has 122). */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return PREFIX + HexFormat.of().formatHex(bytes);
    }

    /**
     * The server's declaration, the value of {@link #KEY} in {@code PaymentRequired.extensions}:
     * {@code info.required} says whether a payment without an id is refused, and {@code schema} is
     * the JSON Schema of {@code info} as the specification gives it.
     */
    public static JsonObject declaration(boolean required) {
        Map<String, JsonValue> info = new LinkedHashMap<>();
        info.put("required", JsonBoolean.of(required));
        Map<String, JsonValue> out = new LinkedHashMap<>();
        out.put("info", new JsonObject(info));
        out.put("schema", schema());
        return new JsonObject(out);
    }

    /**
     * The identifier in a payment's {@code extensions}; empty when the extension or its {@code id}
     * is absent (a client may echo the declaration without one).
     *
     * @throws X402CodecException with {@code invalid_payload} when the extension is there but
     *     malformed: not an object, an {@code info} that is not an object, or an {@code id} that is
     *     not a string of the allowed form. A retry key that is silently dropped would let one
     *     payment be taken twice.
     */
    public static Optional<String> read(Optional<JsonObject> extensions) {
        Optional<JsonValue> extension = extensions.flatMap(e -> e.get(KEY));
        if (extension.isEmpty()) {
            return Optional.empty();
        }
        if (!(extension.get() instanceof JsonObject object)) {
            throw malformed("extensions." + KEY, "must be an object");
        }
        Optional<JsonValue> info = object.get("info");
        if (info.isEmpty()) {
            return Optional.empty();
        }
        if (!(info.get() instanceof JsonObject infoObject)) {
            throw malformed("extensions." + KEY + ".info", "must be an object");
        }
        Optional<JsonValue> id = infoObject.get("id");
        if (id.isEmpty()) {
            return Optional.empty();
        }
        if (!(id.get() instanceof JsonString text)) {
            throw malformed(ID_PATH, "must be a string");
        }
        if (!isValid(text.value())) {
            throw malformed(
                    ID_PATH,
                    "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " letters, digits, '_' or '-', got "
                            + text.value().length() + " characters");
        }
        return Optional.of(text.value());
    }

    /** Whether a server's declaration (the value of {@link #KEY}) says a payment must carry an id. */
    public static boolean required(JsonObject declaration) {
        return declaration
                .get("info")
                .flatMap(info -> info instanceof JsonObject o ? o.get("required") : Optional.empty())
                .map(JsonBoolean.TRUE::equals)
                .orElse(false);
    }

    /**
     * A payment's {@code extensions} carrying {@code id}: every extension the server declared is
     * echoed as declared (as the reference clients do), and the {@code payment-identifier}
     * declaration, the server's or, when it made none, the standard one, gets {@code info.id}.
     *
     * @throws IllegalArgumentException when {@code id} is not of the allowed form
     */
    public static JsonObject echo(Optional<JsonObject> declared, String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException(
                    "a payment identifier is " + MIN_LENGTH + " to " + MAX_LENGTH + " letters, digits, '_' or '-'");
        }
        Map<String, JsonValue> extensions =
                new LinkedHashMap<>(declared.map(JsonObject::members).orElse(Map.of()));
        JsonObject declaration = extensions.get(KEY) instanceof JsonObject o ? o : declaration(false);
        Map<String, JsonValue> info = new LinkedHashMap<>();
        if (declaration.members().get("info") instanceof JsonObject declaredInfo) {
            info.putAll(declaredInfo.members());
        }
        info.put("id", new JsonString(id));
        Map<String, JsonValue> echoed = new LinkedHashMap<>(declaration.members());
        echoed.put("info", new JsonObject(info));
        extensions.put(KEY, new JsonObject(echoed));
        return new JsonObject(extensions);
    }

    private static JsonObject schema() {
        Map<String, JsonValue> required = new LinkedHashMap<>();
        required.put("type", new JsonString("boolean"));
        Map<String, JsonValue> id = new LinkedHashMap<>();
        id.put("type", new JsonString("string"));
        id.put("minLength", JsonNumber.of(MIN_LENGTH));
        id.put("maxLength", JsonNumber.of(MAX_LENGTH));
        Map<String, JsonValue> properties = new LinkedHashMap<>();
        properties.put("required", new JsonObject(required));
        properties.put("id", new JsonObject(id));
        Map<String, JsonValue> schema = new LinkedHashMap<>();
        schema.put("$schema", new JsonString("https://json-schema.org/draft/2020-12/schema"));
        schema.put("type", new JsonString("object"));
        schema.put("properties", new JsonObject(properties));
        schema.put("required", new JsonArray(List.of(new JsonString("required"))));
        return new JsonObject(schema);
    }

    private static X402CodecException malformed(String field, String message) {
        return new X402CodecException(Reason.INVALID_PAYLOAD, field, message);
    }
}
