package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.access.SignInLinks;
import dev.agentmarketplace.core.access.StaffSession;
import dev.agentmarketplace.core.registry.Availability;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signing in with one-time links, CSRF on every change, and the headers every page is sent with. */
@QuarkusTest
class DashboardSignInIT {
    @Inject
    SignInLinks links;

    @Inject
    DashboardClient dashboard;

    @Inject
    ApiTokens tokens;

    @Inject
    RegistryFixture registry;

    @BeforeEach
    void emptyRegistry() {
        registry.clear();
    }

    @Test
    void linkAsksForOneClickThenSignsInOnceAndSendsTheBrowserWhereItWasGoing() {
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");
        String link = links.issue("olivia", Set.of(Role.OPERATOR), Duration.ofMinutes(5));
        String csrf = DashboardClient.newCsrfToken();

        // Opening the link spends nothing: a link previewer fetching it does not sign anyone in.
        given().queryParam("link", link)
                .queryParam("next", "/dashboard/agents")
                .get("/dashboard/sign-in")
                .then()
                .statusCode(200)
                .body(containsString("name=\"link\""))
                .body(containsString("value=\"/dashboard/agents\""));

        Response signedIn = redeem(link, csrf, "/dashboard/agents");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.header("Location")).endsWith("/dashboard/agents");
        var session = signedIn.detailedCookie(StaffSession.COOKIE);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualToIgnoringCase("Lax");
        assertThat(session.getPath()).isEqualTo("/dashboard");
        assertThat(session.getMaxAge()).isBetween(8L * 3600 - 60, 8L * 3600);

        given().cookie(StaffSession.COOKIE, session.getValue())
                .get("/dashboard/agents")
                .then()
                .statusCode(200)
                .body(containsString("data-agent-id=\"python-expert\""))
                .body(containsString("<span class=\"signed-in-as\">olivia</span>"));

        Response again = redeem(link, csrf, "/dashboard/agents");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.asString()).contains("has been used already").doesNotContain(link);
        assertThat(again.detailedCookie(StaffSession.COOKIE)).isNull();
    }

    @Test
    void linkPrintedByTheCommandLineSignsInToTheRunningPlatform() {
        var out = new ByteArrayOutputStream();
        int status = SignInLinkCommand.run(
                new String[] {"sign-in-link", "--subject", "olivia", "--role", "operator"},
                ConfigProvider.getConfig(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertThat(status).isZero();
        String url = out.toString(StandardCharsets.UTF_8).strip();
        String link = URLDecoder.decode(url.substring(url.indexOf("link=") + "link=".length()), StandardCharsets.UTF_8);

        Response signedIn = redeem(link, DashboardClient.newCsrfToken(), "/dashboard/agents");

        assertThat(signedIn.statusCode()).isEqualTo(303);
        given().cookie(StaffSession.COOKIE, signedIn.getCookie(StaffSession.COOKIE))
                .get("/dashboard/agents")
                .then()
                .statusCode(200)
                .body(containsString("<span class=\"signed-in-as\">olivia</span>"));
    }

    @Test
    void oneLinkPresentedByManyBrowsersAtOnceSignsInExactlyOne() throws Exception {
        String link = links.issue("olivia", Set.of(Role.ADMIN), Duration.ofMinutes(5));
        String csrf = DashboardClient.newCsrfToken();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                attempts.add(() -> redeem(link, csrf, "/dashboard").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(attempts)) {
                statuses.add(status.get());
            }
            assertThat(statuses)
                    .containsOnly(303, 400)
                    .filteredOn(s -> s == 303)
                    .hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void forgedOrAgentLinksAndRedirectsToOtherSitesAreRefused() {
        String csrf = DashboardClient.newCsrfToken();

        Response forged = redeem(tokens.operator(), csrf, "/dashboard");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.asString()).contains("is not a sign-in link of this platform");

        String link = links.issue("olivia", Set.of(Role.OPERATOR), Duration.ofMinutes(5));
        Response elsewhere = redeem(link, csrf, "//evil.example/dashboard");
        assertThat(elsewhere.statusCode()).isEqualTo(303);
        assertThat(elsewhere.header("Location")).endsWith("/dashboard").doesNotContain("evil");
    }

    @Test
    void signInWithoutTheFormTokenIsRefusedAsAForgeryAndSpendsNothing() {
        String link = links.issue("olivia", Set.of(Role.OPERATOR), Duration.ofMinutes(5));

        given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("link", link)
                .post("/dashboard/sign-in")
                .then()
                .statusCode(403)
                .body(containsString("Form expired"));

        assertThat(redeem(link, DashboardClient.newCsrfToken(), "/dashboard").statusCode())
                .isEqualTo(303);
    }

    @Test
    void aChangeWithoutTheCsrfTokenOrWithAnotherBrowsersIsRefused() {
        dashboard
                .withoutCsrf(Role.OPERATOR)
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", "")
                .post("/dashboard/sign-in/out")
                .then()
                .statusCode(403)
                .body(containsString("Form expired"));
        dashboard
                .withoutCsrf(Role.OPERATOR)
                .redirects()
                .follow(false)
                .cookie(DashboardClient.CSRF_COOKIE, DashboardClient.newCsrfToken())
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", DashboardClient.newCsrfToken())
                .post("/dashboard/sign-in/out")
                .then()
                .statusCode(403);
    }

    @Test
    void signingOutClearsTheSession() {
        dashboard
                .asOperator()
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", dashboard.csrfToken())
                .post("/dashboard/sign-in/out")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/dashboard/sign-in?signed-out=true"))
                .header("Set-Cookie", containsString(StaffSession.COOKIE + "=;"))
                .header("Set-Cookie", containsString("Max-Age=0"));
    }

    @Test
    void everyPageIsSentWithACspWithoutInlineScriptAndACsrfCookieItRepeats() {
        Response page = dashboard.anonymous().get("/dashboard/sign-in");

        assertThat(page.header("Content-Security-Policy"))
                .contains("script-src 'self'")
                .doesNotContain("unsafe-inline")
                .contains("frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");

        Response fresh = given().get("/dashboard/sign-in");
        var cookie = fresh.detailedCookie(DashboardClient.CSRF_COOKIE);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualToIgnoringCase("Strict");
        assertThat(fresh.asString())
                .contains("hx-headers=\"{&quot;X-CSRF-Token&quot;:&quot;" + cookie.getValue() + "&quot;}\"")
                .doesNotContain("<script>")
                .doesNotContain("style=");
    }

    @Test
    void htmxIsServedByTheApplicationItself() {
        given().get("/webjars/htmx.org/2.0.7/dist/htmx.min.js")
                .then()
                .statusCode(200)
                .body(containsString("htmx"));
        given().get("/dashboard/assets/dashboard.css").then().statusCode(200);
    }

    @Test
    void anHtmxRequestWithoutASessionIsToldToLoadTheSignInPage() {
        given().header("HX-Request", "true")
                .redirects()
                .follow(false)
                .get("/dashboard/agents")
                .then()
                .statusCode(401)
                .header("HX-Redirect", equalTo("/dashboard/sign-in?next=%2Fdashboard%2Fagents"))
                .body(not(containsString("agents")));
    }

    @Test
    void theApiIgnoresTheSessionCookieSoAnotherSiteCannotCallItWithIt() {
        given().cookie(StaffSession.COOKIE, dashboard.session("ops", Role.OPERATOR))
                .get("/api/v1/agents")
                .then()
                .statusCode(401);
    }

    private static Response redeem(String link, String csrf, String next) {
        return given().redirects()
                .follow(false)
                .cookie(DashboardClient.CSRF_COOKIE, csrf)
                .contentType("application/x-www-form-urlencoded")
                .formParam("link", link)
                .formParam("next", next)
                .formParam("csrf-token", csrf)
                .post("/dashboard/sign-in");
    }
}
