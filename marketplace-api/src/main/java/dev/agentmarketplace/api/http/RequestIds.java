package dev.agentmarketplace.api.http;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request an id, in the logs (MDC {@code requestId}, next to {@code caller} and {@code agentId}) and in the
 * {@code X-Request-Id} response header. A client's own id is kept when it is a sane token, so one
 * id can follow a call across services; anything else is replaced rather than logged.
 */
public class RequestIds {
    public static final String HEADER = "X-Request-Id";
    static final String MDC_REQUEST_ID = "requestId";
    static final String MDC_CALLER = "caller";
    static final String MDC_AGENT_ID = "agentId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request, RoutingContext routing) {
        String id = of(routing);
        request.setProperty(MDC_REQUEST_ID, id);
        MDC.put(MDC_REQUEST_ID, id);
        MDC.remove(MDC_CALLER);
        MDC.remove(MDC_AGENT_ID);
    }

    /**
     * The request's id, assigned on first use and kept on the routing context, so that an answer
     * given outside JAX-RS (a Vert.x failure handler) carries the same id as the request's logs.
     */
    public static String of(RoutingContext routing) {
        String id = routing.get(MDC_REQUEST_ID);
        if (id == null) {
            String offered = routing.request().getHeader(HEADER);
            id = offered != null && SANE.matcher(offered).matches()
                    ? offered
                    : UUID.randomUUID().toString();
            routing.put(MDC_REQUEST_ID, id);
        }
        return id;
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(MDC_REQUEST_ID) instanceof String id) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }
}
