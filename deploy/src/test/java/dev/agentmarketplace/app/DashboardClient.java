package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;

import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.access.SignInLinks;
import dev.agentmarketplace.core.access.StaffSession;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * Requests to the dashboard as a browser makes them: signed in with a session from a redeemed
 * one-time link (the cookie the sign-in page sets), with the CSRF cookie and its header.
 */
@ApplicationScoped
public class DashboardClient {
    static final String CSRF_COOKIE = "marketplace-csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_FIELD = "csrf-token";

    @Inject
    SignInLinks links;

    @Inject
    ApiTokens tokens;

    private final String csrfToken = newCsrfToken();

    public RequestSpecification asOperator() {
        return withCsrf(given().cookie(StaffSession.COOKIE, session("ops", Role.OPERATOR)));
    }

    public RequestSpecification asAdmin() {
        return withCsrf(given().cookie(StaffSession.COOKIE, session("root", Role.ADMIN)));
    }

    /** A browser holding an agent's token as its session: authenticated, not staff. */
    public RequestSpecification asAgent(String agentId) {
        return withCsrf(given().cookie(StaffSession.COOKIE, tokens.agent(agentId)));
    }

    public RequestSpecification anonymous() {
        return withCsrf(given());
    }

    /** Signed in with {@code roles}, but without the CSRF cookie and header: as a forged request from another site. */
    public RequestSpecification withoutCsrf(Role... roles) {
        return given().cookie(StaffSession.COOKIE, session("ops", roles));
    }

    /** The token the requests above carry, for a test that puts it in a form field itself. */
    public String csrfToken() {
        return csrfToken;
    }

    /** A session as the sign-in page makes it: a link issued and redeemed. */
    public String session(String subject, Role... roles) {
        String link = links.issue(subject, Set.of(roles), Duration.ofMinutes(5));
        return links.redeem(link).credential();
    }

    private RequestSpecification withCsrf(RequestSpecification request) {
        return request.cookie(CSRF_COOKIE, csrfToken).header(CSRF_HEADER, csrfToken);
    }

    static String newCsrfToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
