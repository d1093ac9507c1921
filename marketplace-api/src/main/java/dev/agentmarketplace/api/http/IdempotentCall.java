package dev.agentmarketplace.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmarketplace.core.idempotency.IdempotentRequests;
import dev.agentmarketplace.core.idempotency.StoredResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The idempotent part of an {@link Idempotent} operation. The resource checks who may ask first,
 * then hands the state move and the making of its answer to {@link #once}: with an {@code
 * Idempotency-Key}, the claim on the key, the move and the answer commit in one transaction
 * ({@link IdempotentRequests#once}), so a retry replays the answer of a move that committed, even
 * if the client never got it, and runs the move of one that did not. A replay ends the request with
 * the stored answer ({@link Replay}, mapped by {@link IdempotencyFilter#replay}); it is therefore
 * only served to a caller the operation still allows.
 */
@RequestScoped
public class IdempotentCall {
    private final IdempotentRequests requests;
    private final ObjectMapper json;
    private Pending pending;

    IdempotentCall(IdempotentRequests requests, ObjectMapper json) {
        this.requests = requests;
        this.json = json;
    }

    /** Ends the request with the answer first given to its key, in place of running it again. */
    public static final class Replay extends RuntimeException {
        private final transient StoredResponse response;

        Replay(StoredResponse response) {
            super("replay of a stored answer", null, false, false);
            this.response = response;
        }

        public StoredResponse response() {
            return response;
        }
    }

    /**
     * Runs {@code work} (the state move and the making of its answer: a {@link Response}, a {@link
     * RestResponse} or an entity answered with 200), once per key when the request carries one.
     *
     * @throws Replay when the key's answer is already stored
     */
    public <T> T once(Supplier<T> work) {
        Pending key = pending;
        if (key == null) {
            return work.get();
        }
        key.used = true;
        return switch (requests.once(key.subject, key.key, key.fingerprint, work, this::stored)) {
            case IdempotentRequests.Outcome.Ran<T> ran -> ran.result();
            case IdempotentRequests.Outcome.Replayed<T> replayed -> throw new Replay(replayed.response());
        };
    }

    void expect(String subject, String key, String fingerprint) {
        pending = new Pending(subject, key, fingerprint);
    }

    boolean unused() {
        return pending != null && !pending.used;
    }

    private StoredResponse stored(Object result) {
        int status = 200;
        MediaType type = null;
        Object entity = result;
        URI location = null;
        if (result instanceof Response response) {
            status = response.getStatus();
            type = response.getMediaType();
            entity = response.getEntity();
            location = response.getLocation();
        } else if (result instanceof RestResponse<?> response) {
            status = response.getStatus();
            type = response.getMediaType();
            entity = response.getEntity();
            location = response.getLocation();
        }
        return new StoredResponse(
                status,
                Optional.ofNullable(type)
                        .orElse(MediaType.APPLICATION_JSON_TYPE)
                        .toString(),
                body(entity),
                Optional.ofNullable(location).map(URI::toString));
    }

    private String body(Object entity) {
        if (entity == null) {
            return "";
        }
        if (entity instanceof String text) {
            return text;
        }
        try {
            return json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Pending {
        private final String subject;
        private final String key;
        private final String fingerprint;
        private boolean used;

        Pending(String subject, String key, String fingerprint) {
            this.subject = subject;
            this.key = key;
            this.fingerprint = fingerprint;
        }
    }
}
