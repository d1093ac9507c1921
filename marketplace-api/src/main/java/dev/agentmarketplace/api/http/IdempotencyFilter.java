package dev.agentmarketplace.api.http;

import dev.agentmarketplace.api.security.CurrentCaller;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.idempotency.StoredResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * {@code Idempotency-Key} for every {@link Idempotent} operation: reads the key and the fingerprint
 * of the request for {@link IdempotentCall}, which the resource calls once it has checked who may
 * ask. Two requests are the same when method, path, query and body are byte for byte the same; keys
 * are scoped to the calling subject. Nothing here reads or writes a stored answer: that happens in
 * the transaction of the operation, after its authorization.
 */
public class IdempotencyFilter {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Logger LOG = Logger.getLogger(IdempotencyFilter.class);

    private final IdempotentCall call;
    private final CurrentCaller caller;

    IdempotencyFilter(IdempotentCall call, CurrentCaller caller) {
        this.call = call;
        this.caller = caller;
    }

    @ServerRequestFilter(priority = RateLimitFilter.PRIORITY + 100)
    public void read(ContainerRequestContext request, ResourceInfo resource) throws IOException {
        Idempotent idempotent = resource.getResourceMethod().getAnnotation(Idempotent.class);
        if (idempotent == null) {
            return;
        }
        String key = request.getHeaderString(HEADER);
        if (key == null) {
            if (idempotent.keyRequired()) {
                throw new InvalidValueException(HEADER, "this operation needs an " + HEADER + " header");
            }
            return;
        }
        String subject = caller.get().subject();
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        call.expect(subject, key, fingerprint(request, body));
    }

    /** An {@link Idempotent} operation that forgot to go through {@link IdempotentCall#once}: a bug, said loudly. */
    @ServerResponseFilter
    public void check(ContainerRequestContext request, ContainerResponseContext response) {
        if (call.unused() && response.getStatus() >= 200 && response.getStatus() <= 299) {
            LOG.errorf(
                    "%s %s carried an %s that its operation did not honour (it never called IdempotentCall.once)",
                    request.getMethod(), request.getUriInfo().getPath(), HEADER);
        }
    }

    /** The first answer to the key, again: not an error, so not a problem, and marked as a replay. */
    @ServerExceptionMapper
    public Response replay(IdempotentCall.Replay replay) {
        StoredResponse first = replay.response();
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
}
