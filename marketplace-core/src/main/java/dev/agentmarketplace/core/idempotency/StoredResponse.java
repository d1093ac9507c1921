package dev.agentmarketplace.core.idempotency;

import dev.agentmarketplace.core.InvalidValueException;
import java.util.Objects;
import java.util.Optional;

/** The response a request was first answered with, kept so a retry with the same key gets it again. */
public record StoredResponse(int status, String contentType, String body, Optional<String> location) {
    public static final int MAX_BODY_LENGTH = 1_048_576;

    public StoredResponse {
        if (status < 200 || status > 299) {
            throw new IllegalArgumentException("only successful responses are replayed, was " + status);
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        if (body.length() > MAX_BODY_LENGTH) {
            throw new InvalidValueException(
                    "body", "a replayable response is at most " + MAX_BODY_LENGTH + " characters");
        }
        Objects.requireNonNull(location, "location");
    }
}
