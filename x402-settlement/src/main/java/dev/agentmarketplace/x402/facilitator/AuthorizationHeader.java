package dev.agentmarketplace.x402.facilitator;

import java.net.URI;
import java.util.Objects;

/**
 * A credential header sent with every request to the facilitator, its value computed per request:
 * some facilitators take a fixed API key, others (CDP, for one) a short-lived token signed over the
 * method and URL of each request.
 *
 * @param name the header's name, e.g. {@code Authorization}
 */
public record AuthorizationHeader(String name, Value value) {

    /** The header's value for one request. */
    @FunctionalInterface
    public interface Value {
        String of(String method, URI uri);
    }

    public AuthorizationHeader {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the credential header needs a name");
        }
        Objects.requireNonNull(value, "value");
    }

    /** {@code Authorization: Bearer <token>} with a token that does not change. */
    public static AuthorizationHeader bearer(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a bearer token must not be empty");
        }
        return new AuthorizationHeader("Authorization", (method, uri) -> "Bearer " + token);
    }

    // The value is a secret: a log line that prints this record must not show it.
    @Override
    public String toString() {
        return "AuthorizationHeader[" + name + "]";
    }
}
