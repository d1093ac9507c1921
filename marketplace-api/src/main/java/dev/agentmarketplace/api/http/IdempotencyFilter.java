package dev.agentmarketplace.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmarketplace.api.security.CurrentCaller;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.idempotency.IdempotentRequests;
import dev.agentmarketplace.core.idempotency.StoredResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * {@code Idempotency-Key} for every {@link Idempotent} operation: the HTTP face of {@link
 * IdempotentRequests}. Two requests are the same when method, path, query and body are byte for
 * byte the same; keys are scoped to the calling subject.
 */
public class IdempotencyFilter {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final String CLAIM = IdempotencyFilter.class.getName() + ".claim";

    private final IdempotentRequests requests;
    private final CurrentCaller caller;
    private final ObjectMapper json;

    IdempotencyFilter(IdempotentRequests requests, CurrentCaller caller, ObjectMapper json) {
        this.requests = requests;
        this.caller = caller;
        this.json = json;
    }

    @ServerRequestFilter(priority = RateLimitFilter.PRIORITY + 100)
    public Response admit(ContainerRequestContext request, ResourceInfo resource) throws IOException {
        Idempotent idempotent = resource.getResourceMethod().getAnnotation(Idempotent.class);
        if (idempotent == null) {
            return null;
        }
        String key = request.getHeaderString(HEADER);
        if (key == null) {
            if (idempotent.keyRequired()) {
                throw new InvalidValueException(HEADER, "this operation needs an " + HEADER + " header");
            }
            return null;
        }
        String subject = caller.get().subject();
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        String fingerprint = fingerprint(request, body);
        return switch (requests.admit(subject, key, fingerprint)) {
            case IdempotentRequests.Admission.Replay(StoredResponse first) -> replay(first);
            case IdempotentRequests.Admission.Proceed() -> {
                request.setProperty(CLAIM, new Claim(subject, key));
                yield null;
            }
        };
    }

    @ServerResponseFilter
    public void keep(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof Claim claim)) {
            return;
        }
        if (response.getStatus() < 200 || response.getStatus() > 299) {
            requests.release(claim.subject(), claim.key());
            return;
        }
        MediaType type = Optional.ofNullable(response.getMediaType()).orElse(MediaType.APPLICATION_JSON_TYPE);
        Optional<String> location =
                Optional.ofNullable(response.getHeaders().getFirst("Location")).map(Object::toString);
        requests.complete(
                claim.subject(),
                claim.key(),
                new StoredResponse(response.getStatus(), type.toString(), body(response.getEntity()), location));
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

    private static Response replay(StoredResponse first) {
        Response.ResponseBuilder builder = Response.status(first.status())
                .type(first.contentType())
                .entity(first.body())
                .header(REPLAYED_HEADER, "true");
        first.location().ifPresent(location -> builder.header("Location", location));
        return builder.build();
    }

    private static String fingerprint(ContainerRequestContext request, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String target = request.getMethod() + " "
                    + request.getUriInfo().getRequestUri().getRawPath() + "?"
                    + Optional.ofNullable(request.getUriInfo().getRequestUri().getRawQuery())
                            .orElse("") + "\n";
            sha256.update(target.getBytes(StandardCharsets.UTF_8));
            sha256.update(body);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private record Claim(String subject, String key) {}
}
