package dev.agentmarketplace.x402.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON object whose members keep their insertion order, so that writing it is deterministic.
 * Equality ignores member order, as RFC 8259 §4 gives the order no meaning.
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {

    public JsonObject {
        Objects.requireNonNull(members, "members");
        members.forEach((name, value) -> {
            Objects.requireNonNull(name, "member name");
            Objects.requireNonNull(value, () -> "value of member " + name);
        });
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    public static JsonObject empty() {
        return new JsonObject(Map.of());
    }

    public Optional<JsonValue> get(String name) {
        return Optional.ofNullable(members.get(name));
    }
}
