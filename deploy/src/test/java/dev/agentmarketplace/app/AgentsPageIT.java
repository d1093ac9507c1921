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

    @BeforeEach
    void emptyRegistry() {
        registry.clear();
    }

    @Test
    void homeRedirectsToTheAgentList() {
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/agents"));
    }

    @Test
    void anonymousVisitorIsAskedToSignInOnAPageNotShownTheAgents() {
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");

        given().get("/agents")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType(containsString("text/html"))
                .body(containsString("Sign-in required"))
                .body(not(containsString("python-expert")));
        given().auth()
                .oauth2("not.a.token")
                .get("/agents")
                .then()
                .statusCode(401)
                .contentType(containsString("text/html"))
                .body(not(containsString("python-expert")));
    }

    @Test
    void agentsAndTokensWithoutAStaffRoleAreRefusedThePage() {
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");

        for (var caller :
                List.of(tokens.asAgent("python-expert"), given().auth().oauth2(tokens.noRoles()))) {
            caller.get("/agents")
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

        tokens.asAdmin().get("/agents").then().statusCode(200).body(containsString("data-agent-id=\"python-expert\""));
    }

    @Test
    void emptyRegistrySaysSo() {
        tokens.asOperator()
                .get("/agents")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("No agents are registered yet."));
    }

    @Test
    void listsRegisteredAgentsWithTheirCapabilities() {
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python", "code review");

        tokens.asOperator()
                .get("/agents")
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

        tokens.asOperator()
                .get("/agents")
                .then()
                .statusCode(200)
                .body(containsString("<span class=\"availability availability-offline\">OFFLINE</span>"))
                .body(not(containsString("availability-online")));
    }

    @Test
    void displayNamesAreEscaped() {
        registry.register("sneaky", "<script>alert(1)</script>", Availability.ONLINE, "python");

        tokens.asOperator()
                .get("/agents")
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

        tokens.asOperator()
                .get("/agents")
                .then()
                .statusCode(200)
                .body(containsString("data-agent-id=\"agent-49\""))
                .body(not(containsString("data-agent-id=\"agent-50\"")))
                .body(containsString("href=\"/agents?after=agent-49\""));

        tokens.asOperator()
                .queryParam("after", "agent-49")
                .get("/agents")
                .then()
                .statusCode(200)
                .body(containsString("data-agent-id=\"agent-50\""))
                .body(not(containsString("rel=\"next\"")));
    }

    @Test
    void malformedCursorShowsAReadableMessage() {
        tokens.asOperator()
                .queryParam("after", "no/such cursor")
                .get("/agents")
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("role=\"alert\""))
                .body(containsString("must be 1-64 letters, digits, &#39;_&#39; or &#39;-&#39;"));
    }
}
