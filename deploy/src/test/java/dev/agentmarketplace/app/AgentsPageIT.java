package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import dev.agentmarketplace.core.registry.Availability;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AgentsPageIT {
    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    DashboardClient dashboard;

    @BeforeEach
    void emptyRegistry() {
        registry.clear();
    }

    @Test
    void homeRedirectsToTheDashboard() {
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/dashboard"));
    }

    @Test
    void anonymousVisitorIsSentToSignInAndBackNotShownTheAgents() {
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");

        given().redirects()
                .follow(false)
                .get("/dashboard/agents?after=a")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/dashboard/sign-in?next=%2Fdashboard%2Fagents%3Fafter%3Da"))
                .body(not(containsString("python-expert")));
        given().redirects()
                .follow(false)
                .cookie("marketplace-session", "not.a.token")
                .get("/dashboard/agents")
                .then()
                .statusCode(303)
                .header("Location", containsString("/dashboard/sign-in"))
                .body(not(containsString("python-expert")));
    }

    @Test
    void agentsAndTokensWithoutAStaffRoleAreRefusedThePage() {
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");

        for (var caller :
                List.of(dashboard.asAgent("python-expert"), given().cookie("marketplace-session", tokens.noRoles()))) {
            caller.get("/dashboard/agents")
                    .then()
                    .statusCode(403)
                    .contentType(containsString("text/html"))
                    .body(containsString("Operators only"))
                    .body(not(containsString("data-agent-id")));
        }
    }

    @Test
    void anAdminSeesThePageAsAnOperatorDoes() {
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");

        dashboard
                .asAdmin()
                .get("/dashboard/agents")
                .then()
                .statusCode(200)
                .body(containsString("data-agent-id=\"python-expert\""));
    }

    @Test
    void emptyRegistrySaysSo() {
        dashboard
                .asOperator()
                .get("/dashboard/agents")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("No agents are registered yet."));
    }

    @Test
    void listsRegisteredAgentsWithTheirCapabilities() {
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python", "code review");

        dashboard
                .asOperator()
                .get("/dashboard/agents")
                .then()
                .statusCode(200)
                .body(containsString("<tr data-agent-id=\"python-expert\">"))
                .body(containsString("<td>Python Expert</td>"))
                .body(containsString(
                        "<span class=\"capability\">code review</span><span class=\"capability\">python</span>"))
                .body(containsString("<td class=\"number price\">1.500000 USDC</td>"))
                .body(containsString("<td class=\"number capacity\">10</td>"))
                .body(containsString("availability-online"))
                .body(matchesPattern(
                        "(?s).*<time datetime=\"[^\"]+Z\">\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC</time>.*"))
                .body(not(containsString("No agents are registered yet.")));
    }

    @Test
    void agentWhoseHeartbeatLeaseLapsedIsShownOffline() {
        registry.register("quiet", "Quiet", Availability.ONLINE, "python");
        registry.lapseHeartbeat("quiet");

        dashboard
                .asOperator()
                .get("/dashboard/agents")
                .then()
                .statusCode(200)
                .body(containsString("<span class=\"availability availability-offline\">OFFLINE</span>"))
                .body(not(containsString("availability-online")));
    }

    @Test
    void displayNamesAreEscaped() {
        registry.register("sneaky", "<script>alert(1)</script>", Availability.ONLINE, "python");

        dashboard
                .asOperator()
                .get("/dashboard/agents")
                .then()
                .statusCode(200)
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
                .body(not(containsString("<script>alert(1)</script>")));
    }

    @Test
    void longListsArePagedWithANextLink() {
        for (int i = 0; i < 51; i++) {
            registry.register("agent-%02d".formatted(i), "Agent " + i, Availability.ONLINE, "python");
        }

        dashboard
                .asOperator()
                .get("/dashboard/agents")
                .then()
                .statusCode(200)
                .body(containsString("data-agent-id=\"agent-49\""))
                .body(not(containsString("data-agent-id=\"agent-50\"")))
                .body(containsString("href=\"/dashboard/agents?after=agent-49\""));

        dashboard
                .asOperator()
                .queryParam("after", "agent-49")
                .get("/dashboard/agents")
                .then()
                .statusCode(200)
                .body(containsString("data-agent-id=\"agent-50\""))
                .body(not(containsString("rel=\"next\"")));
    }

    @Test
    void malformedCursorShowsAReadableMessage() {
        dashboard
                .asOperator()
                .queryParam("after", "no/such cursor")
                .get("/dashboard/agents")
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("role=\"alert\""))
                .body(containsString("must be 1-64 letters, digits, &#39;_&#39; or &#39;-&#39;"));
    }
}
