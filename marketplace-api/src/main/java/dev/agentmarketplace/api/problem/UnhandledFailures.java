package dev.agentmarketplace.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmarketplace.api.http.RequestIds;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The failures that escape JAX-RS and its mappers (a response filter that throws, a failure while
 * the response is written) reach Vert.x, whose default handler answers with its own page and
 * without {@code X-Request-Id}. This failure handler answers them as {@link ProblemMapper} would:
 * problem+json, a 503 with {@code Retry-After} when the database cannot be reached. Failures that
 * carry their own status (404, 405, 413, ...) and the security layer's 401 and 403 are left to the
 * handlers that own them.
 */
@ApplicationScoped
public class UnhandledFailures {
    private final ObjectMapper json;

    UnhandledFailures(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    void handle(RoutingContext routing) {
        Throwable failure = routing.failure();
        if (failure == null || routing.response().headWritten() || !claims(routing, failure)) {
            routing.next();
            return;
        }
        Response answer = ProblemMapper.unexpected(failure, routing.normalizedPath());
        String body;
        try {
            body = json.writeValueAsString(answer.getEntity());
        } catch (JsonProcessingException e) {
            routing.next();
            return;
        }
        routing.response().setStatusCode(answer.getStatus());
        for (Map.Entry<String, java.util.List<Object>> header :
                answer.getHeaders().entrySet()) {
            for (Object value : header.getValue()) {
                routing.response().headers().add(header.getKey(), String.valueOf(value));
            }
        }
        routing.response().putHeader("Content-Type", Problem.MEDIA_TYPE);
        routing.response().putHeader(RequestIds.HEADER, RequestIds.of(routing));
        routing.response().end(body);
    }

    private static boolean claims(RoutingContext routing, Throwable failure) {
        if (DatabaseUnavailable.causedBy(failure)) {
            return true;
        }
        boolean serverError = routing.statusCode() == -1 || routing.statusCode() == 500;
        String type = failure.getClass().getName();
        return serverError
                && !type.startsWith("io.quarkus.security.")
                && !type.startsWith("io.quarkus.oidc.")
                && !type.startsWith("io.quarkus.vertx.http.runtime.security.");
    }
}
