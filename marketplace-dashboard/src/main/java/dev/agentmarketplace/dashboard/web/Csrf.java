package dev.agentmarketplace.dashboard.web;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dashboard's CSRF token (OWASP "double submit cookie"): a random value in an HttpOnly cookie
 * that every form repeats in a hidden field and every htmx request in a header. A page of another
 * site can make the browser send the cookie but cannot read it, so it cannot repeat it. Templates
 * read it as {@code inject:csrf}.
 */
@RequestScoped
@Named("csrf")
public class Csrf {
    public static final String COOKIE = "marketplace-csrf";
    public static final String FIELD = "csrf-token";
    public static final String HEADER = "X-CSRF-Token";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final CurrentVertxRequest current;
    private String token;
    private boolean issued;

    /** The HTTP request is looked up when needed: a template rendered outside one (a template test) gets a token too. */
    Csrf(CurrentVertxRequest current) {
        this.current = current;
    }

    /** The token of this browser, a new one (sent as a cookie with the answer) when it has none. */
    public String token() {
        if (token == null) {
            String presented = cookieValue();
            if (presented != null) {
                token = presented;
            } else {
                byte[] bytes = new byte[32];
                // Not a static field: a native image may run static initializers at build time, and
                // a SecureRandom seeded there would be the same in every process (GraalVM refuses it).
                new SecureRandom().nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                issued = true;
            }
        }
        return token;
    }

    /** The {@code hx-headers} of every page: htmx sends the token with each of its requests. */
    public String htmxHeaders() {
        return "{\"" + HEADER + "\":\"" + token() + "\"}";
    }

    /** Whether {@code presented} repeats this browser's cookie; compared in constant time. */
    boolean matches(String presented) {
        String expected = cookieValue();
        return expected != null
                && presented != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cookie to send when this request issued a token. */
    Cookie cookieToSend() {
        if (!issued) {
            return null;
        }
        return Cookie.cookie(COOKIE, token)
                .setPath("/dashboard")
                .setHttpOnly(true)
                .setSecure(request().map(HttpServerRequest::isSSL).orElse(false))
                .setSameSite(CookieSameSite.STRICT);
    }

    private Optional<HttpServerRequest> request() {
        return Optional.ofNullable(current.getCurrent()).map(RoutingContext::request);
    }

    private String cookieValue() {
        Cookie cookie = request().map(r -> r.getCookie(COOKIE)).orElse(null);
        return cookie != null && WELL_FORMED.matcher(cookie.getValue()).matches() ? cookie.getValue() : null;
    }
}
