package dev.agentmarketplace.api.security;

import dev.agentmarketplace.core.access.StaffSession;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A browser signed in to the dashboard through a one-time link holds its session, a token of the
 * embedded issuer, in an HttpOnly cookie; this route presents it as the request's bearer token, so
 * quarkus-oidc verifies sessions and API tokens the same way. Only on dashboard paths: the API
 * never reads a cookie, so a page of another site cannot make a browser call it with the session,
 * and the dashboard's own forms carry a CSRF token.
 */
@ApplicationScoped
public class DashboardSessionCookie {
    static final String PATH = "/dashboard";
    /** After HttpEdges has screened the request, before any route that authenticates. */
    static final int ORDER = -999;

    private final LocalIssuer issuer;

    DashboardSessionCookie(LocalIssuer issuer) {
        this.issuer = issuer;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::present);
    }

    private void present(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (issuer.enabled()
                && isDashboardPath(request.path())
                && !request.headers().contains(HttpHeaders.AUTHORIZATION)) {
            Cookie session = request.getCookie(StaffSession.COOKIE);
            if (session != null && !session.getValue().isBlank()) {
                request.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + session.getValue());
            }
        }
        ctx.next();
    }

    static boolean isDashboardPath(String path) {
        return path != null && (path.equals(PATH) || path.startsWith(PATH + "/"));
    }
}
