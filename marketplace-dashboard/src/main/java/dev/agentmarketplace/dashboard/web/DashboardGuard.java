package dev.agentmarketplace.dashboard.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * The door of every {@link StaffPage}: anonymous visitors are sent to sign in, a signed-in person
 * without a staff role reads why they are refused, a state-changing request must repeat the CSRF
 * token, and an {@link OperatorAction} or {@link AdminAction} needs its role. Every dashboard answer
 * gets the security headers, among them a Content-Security-Policy that allows no inline script.
 */
public class DashboardGuard {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    private static final Set<String> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Staff staff;
    private final Csrf csrf;

    DashboardGuard(Staff staff, Csrf csrf) {
        this.staff = staff;
        this.csrf = csrf;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance refused(String heading, String message);
    }

    @ServerRequestFilter
    @StaffPage
    @WithFormRead
    Response guard(ResteasyReactiveContainerRequestContext request, ResourceInfo resource) {
        boolean signedIn;
        try {
            signedIn = staff.signedIn();
        } catch (AuthenticationFailedException expiredOrForged) {
            signedIn = false;
        }
        if (!signedIn) {
            return toSignIn(request);
        }
        if (!staff.isStaff()) {
            return refused(
                    Response.Status.FORBIDDEN,
                    "Operators only",
                    "You are signed in, but without the operator or the admin role, which the dashboard needs.");
        }
        if (!SAFE_METHODS.contains(request.getMethod()) && !csrf.matches(presentedToken(request))) {
            return refusedForgery();
        }
        Method method = resource.getResourceMethod();
        boolean adminOnly = method.isAnnotationPresent(AdminAction.class)
                || resource.getResourceClass().isAnnotationPresent(AdminAction.class);
        if (adminOnly && !staff.isAdmin()) {
            return refused(Response.Status.FORBIDDEN, "Admins only", "Only an admin may manage agent clients.");
        }
        if (method.isAnnotationPresent(OperatorAction.class) && !staff.canChange()) {
            return refused(
                    Response.Status.FORBIDDEN,
                    "Operators only",
                    "Only an operator may change the market; your roles let you look, not act.");
        }
        return null;
    }

    @ServerResponseFilter
    void secure(ContainerRequestContext request, ContainerResponseContext response) {
        if (!isDashboardPath(request.getUriInfo().getPath())) {
            return;
        }
        var headers = response.getHeaders();
        headers.putSingle("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("X-Frame-Options", "DENY");
        // Sign-in links travel in a query string: no page may hand its address to another site.
        headers.putSingle("Referrer-Policy", "no-referrer");
        headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        // Templates are rendered after this filter: the token they will show must exist, and its cookie go, now.
        csrf.token();
        var cookie = csrf.cookieToSend();
        if (cookie != null) {
            headers.add(HttpHeaders.SET_COOKIE, cookie.encode());
        }
    }

    /** Refuses a state-changing request whose CSRF token is missing or not this browser's. */
    static Response refusedForgery() {
        return refused(
                Response.Status.FORBIDDEN,
                "Form expired",
                "This request did not carry the dashboard's form token, so it may not have come from a page of"
                        + " this dashboard. Reload the page and try again.");
    }

    static Response refused(Response.Status status, String heading, String message) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.refused(heading, message).render())
                .build();
    }

    private static String presentedToken(ResteasyReactiveContainerRequestContext request) {
        String header = request.getHeaderString(Csrf.HEADER);
        if (header != null) {
            return header;
        }
        Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                .getFormParameter(Csrf.FIELD, true, false);
        return field == null ? null : field.toString();
    }

    private static Response toSignIn(ContainerRequestContext request) {
        var uri = request.getUriInfo().getRequestUri();
        String here = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String signIn = SignInPage.PATH + "?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8);
        if ("true".equals(request.getHeaderString("HX-Request"))) {
            // htmx swaps the answer of a request into the page; this header makes it load the sign-in page instead.
            return Response.status(Response.Status.UNAUTHORIZED)
                    .header("HX-Redirect", signIn)
                    .build();
        }
        return Response.seeOther(URI.create(signIn)).build();
    }

    static boolean isDashboardPath(String path) {
        return path != null && (path.equals("/dashboard") || path.startsWith("/dashboard/"));
    }
}
