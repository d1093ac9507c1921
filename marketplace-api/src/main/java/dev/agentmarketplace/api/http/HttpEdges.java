package dev.agentmarketplace.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmarketplace.api.problem.DatabaseUnavailable;
import dev.agentmarketplace.api.problem.Problem;
import dev.agentmarketplace.api.problem.ProblemCode;
import dev.agentmarketplace.api.problem.ProblemMapper;
import dev.agentmarketplace.api.problem.RequestTooLargeException;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP layer's own refusals as problems, before and around JAX-RS: what ProblemMapper cannot see
 * because no resource is ever reached.
 *
 * <ul>
 *   <li>First of all routes (before Quarkus's own body-size check): every request gets its {@code
 *       X-Request-Id}; a URI longer than {@code marketplace.api.max-uri-length} is 414, header fields
 *       larger than {@code marketplace.api.max-header-bytes} are 431, and a declared body larger than
 *       {@code marketplace.api.max-body-bytes} is 413. A refused body is then read and discarded (up
 *       to {@link #DRAIN_LIMIT} bytes), so the client finishes sending and reads the answer instead of
 *       meeting a connection reset.
 *   <li>A failure no one answered (Vert.x's own 400, 413, ...) is answered with its row of
 *       {@link ProblemCode}; one that escaped JAX-RS and its mappers (a response filter that throws,
 *       a failure while the answer is written) as {@link ProblemMapper} answers it, a 503 with
 *       {@code Retry-After} when the database cannot be reached.
 *   <li>A path no route serves is 404.
 * </ul>
 *
 * The codec's limits ({@code quarkus.http.limits.max-initial-line-length} and {@code max-header-size})
 * are set well above these, so that ordinary oversized requests reach this class; a request beyond the
 * codec's limits, or one whose request line is not HTTP at all, is still refused by Vert.x itself with a
 * bare status and no body, as Quarkus offers no hook for Vert.x's invalid-request handler.
 */
@ApplicationScoped
public class HttpEdges {
    /** Runs before Quarkus's body-size check (order -2) and every other route. */
    static final int FIRST = -1_000;

    /** How much of a refused body is read and thrown away before the connection is closed instead. */
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private final ApiConfig config;
    private final ObjectMapper json;

    HttpEdges(ApiConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(FIRST).handler(this::screen);
        router.route().order(FIRST).failureHandler(this::failed);
        router.route()
                .order(Integer.MAX_VALUE)
                .handler(ctx -> answer(ctx, ProblemCode.NOT_FOUND, ProblemCode.NOT_FOUND.bareDetail()));
    }

    private void screen(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.uri().length() > config.maxUriLength()) {
            refuse(
                    ctx,
                    ProblemCode.URI_TOO_LONG,
                    "the request URI is longer than " + config.maxUriLength() + " characters");
            return;
        }
        if (headerBytes(request.headers()) > config.maxHeaderBytes()) {
            refuse(
                    ctx,
                    ProblemCode.HEADER_FIELDS_TOO_LARGE,
                    "the request's header fields are larger than " + config.maxHeaderBytes() + " bytes");
            return;
        }
        if (declaredLength(request) > config.maxBodyBytes()) {
            refuse(ctx, ProblemCode.REQUEST_TOO_LARGE, RequestTooLargeException.detail(config.maxBodyBytes()));
            return;
        }
        ctx.next();
    }

    private void failed(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        Throwable failure = ctx.failure();
        boolean databaseLost = failure != null && DatabaseUnavailable.causedBy(failure);
        if (!databaseLost && failure != null && isSecurity(failure)) {
            // Authentication and its challenges stay with Quarkus security.
            ctx.next();
            return;
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        ProblemCode code = ProblemCode.ofStatus(status);
        if (databaseLost || code == ProblemCode.INTERNAL_ERROR) {
            // A failure that escaped JAX-RS (a response filter, writing the answer): ProblemMapper's own
            // answer, a 503 with Retry-After when the database is what failed.
            write(ctx, ProblemMapper.unexpected(failure, ctx.request().path()));
        } else if (code == ProblemCode.REQUEST_TOO_LARGE) {
            refuse(ctx, code, RequestTooLargeException.detail(config.maxBodyBytes()));
        } else {
            answer(ctx, code, code.bareDetail());
        }
    }

    private static boolean isSecurity(Throwable failure) {
        String type = failure.getClass().getName();
        return type.startsWith("io.quarkus.security.")
                || type.startsWith("io.quarkus.oidc.")
                || type.startsWith("io.quarkus.vertx.http.runtime.security.");
    }

    /** Answers, then reads and discards whatever body is still coming, so the answer is what the client sees. */
    private void refuse(RoutingContext ctx, ProblemCode code, String detail) {
        HttpServerRequest request = ctx.request();
        answer(ctx, code, detail);
        if (request.isEnded()) {
            return;
        }
        AtomicLong drained = new AtomicLong();
        request.handler(chunk -> {
            if (drained.addAndGet(chunk.length()) > DRAIN_LIMIT) {
                request.connection().close();
            }
        });
        request.exceptionHandler(error -> {});
        request.endHandler(end -> {});
        request.resume();
    }

    private void answer(RoutingContext ctx, ProblemCode code, String detail) {
        write(ctx, ProblemMapper.respond(code.problem(detail, ctx.request().path())));
    }

    private void write(RoutingContext ctx, Response answer) {
        String body;
        try {
            body = json.writeValueAsString(answer.getEntity());
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + answer.getStatus() + "}";
        }
        HttpServerResponse response = ctx.response().setStatusCode(answer.getStatus());
        answer.getStringHeaders()
                .forEach((name, values) ->
                        values.forEach(value -> response.headers().add(name, value)));
        response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, RequestIds.of(ctx))
                .end(body);
    }

    private static long headerBytes(MultiMap headers) {
        long total = 0;
        for (Map.Entry<String, String> header : headers) {
            total += header.getKey().length() + header.getValue().length() + 4;
        }
        return total;
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
