package dev.agentmarketplace.dashboard.web;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.access.SignInLinks;
import dev.agentmarketplace.core.access.StaffSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Signing in and out. A local run signs staff in with one-time links ({@link SignInLinks}): the page
 * holding a link asks for one click, so a link previewer that fetches it spends nothing; the click
 * posts the link with the CSRF token, against a forged sign-in as someone else. With
 * {@code marketplace.dashboard.sign-in=oidc} the identity provider has already signed the browser in
 * before it gets here (the dashboard paths need an authenticated request), and this page only sends it on.
 */
@Path(SignInPage.PATH)
@Produces(MediaType.TEXT_HTML)
public class SignInPage {
    public static final String PATH = "/dashboard/sign-in";
    private static final String HOME = "/dashboard";
    private static final int MAX_NEXT_LENGTH = 2048;
    /** A path of this dashboard, never another origin ("//host", "/\host") nor a scheme. */
    private static final Pattern LOCAL_PATH = Pattern.compile("/dashboard(/[^\\\\]*)?(\\?[^\\\\]*)?");

    private final SignInLinks links;
    private final DashboardConfig config;
    private final Staff staff;
    private final Csrf csrf;
    private final HttpServerRequest request;
    private final Clock clock;

    SignInPage(
            SignInLinks links, DashboardConfig config, Staff staff, Csrf csrf, HttpServerRequest request, Clock clock) {
        this.links = links;
        this.config = config;
        this.staff = staff;
        this.csrf = csrf;
        this.request = request;
        this.clock = clock;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(
                String link, String next, boolean linkSignIn, boolean signedOut, String error);
    }

    @GET
    public Response show(
            @QueryParam("link") String link,
            @QueryParam("next") String next,
            @QueryParam("signed-out") boolean signedOut) {
        if (signedInStaff()) {
            return Response.seeOther(URI.create(safeNext(next))).build();
        }
        if (config.signIn() == DashboardConfig.SignInMode.OIDC && staff.signedIn()) {
            return DashboardGuard.refused(
                    Response.Status.FORBIDDEN,
                    "Operators only",
                    "You are signed in, but without the operator or the admin role, which the dashboard needs.");
        }
        return page(Response.Status.OK, link, next, signedOut, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response redeem(
            @FormParam("link") String link, @FormParam("next") String next, @FormParam(Csrf.FIELD) String token) {
        if (!csrf.matches(token)) {
            return DashboardGuard.refusedForgery();
        }
        if (config.signIn() != DashboardConfig.SignInMode.LINK) {
            return page(
                    Response.Status.CONFLICT,
                    null,
                    next,
                    false,
                    "Sign-in links are off: sign in through the identity provider.");
        }
        StaffSession session;
        try {
            session = links.redeem(link);
        } catch (DomainException e) {
            return page(Response.Status.BAD_REQUEST, null, next, false, e.getMessage());
        }
        long maxAge = Math.max(
                0, Duration.between(clock.instant(), session.expiresAt()).toSeconds());
        Cookie cookie = Cookie.cookie(StaffSession.COOKIE, session.credential())
                .setPath(HOME)
                .setHttpOnly(true)
                .setSecure(request.isSSL())
                .setSameSite(CookieSameSite.LAX)
                .setMaxAge(maxAge);
        return Response.seeOther(URI.create(safeNext(next)))
                .header(HttpHeaders.SET_COOKIE, cookie.encode())
                .build();
    }

    @POST
    @Path("/out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam(Csrf.FIELD) String token) {
        if (!csrf.matches(token)) {
            return DashboardGuard.refusedForgery();
        }
        Cookie cleared = Cookie.cookie(StaffSession.COOKIE, "")
                .setPath(HOME)
                .setHttpOnly(true)
                .setSecure(request.isSSL())
                .setSameSite(CookieSameSite.LAX)
                .setMaxAge(0);
        return Response.seeOther(URI.create(PATH + "?signed-out=true"))
                .header(HttpHeaders.SET_COOKIE, cleared.encode())
                .build();
    }

    private Response page(Response.Status status, String link, String next, boolean signedOut, String error) {
        boolean linkSignIn = config.signIn() == DashboardConfig.SignInMode.LINK;
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.signIn(link, safeNext(next), linkSignIn, signedOut, error))
                .build();
    }

    private boolean signedInStaff() {
        try {
            return staff.isStaff();
        } catch (AuthenticationFailedException expiredOrForged) {
            return false;
        }
    }

    static String safeNext(String next) {
        if (next == null
                || next.length() > MAX_NEXT_LENGTH
                || !LOCAL_PATH.matcher(next).matches()) {
            return HOME;
        }
        return next;
    }
}
