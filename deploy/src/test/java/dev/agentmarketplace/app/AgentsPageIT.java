package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import dev.agentmarketplace.core.registry.Availability;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AgentsPageIT {
    @Inject
    RegistryFixture registry;

    @BeforeEach
    void emptyRegistry() {
        registry.clear();
    }

    @Test
    void homeRedirectsToTheAgentList() {
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/agents"));
    }

    @Test
    void emptyRegistrySaysSo() {
        given().get("/agents")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("No agents are registered yet."));
    }

    @Test
    void listsRegisteredAgentsWithTheirCapabilities() {
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python", "code review");

        given().get("/agents")
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

        given().get("/agents")
                .then()
                .statusCode(200)
                .body(containsString("<span class=\"availability availability-offline\">OFFLINE</span>"))
                .body(not(containsString("availability-online")));
    }

    @Test
    void displayNamesAreEscaped() {
        registry.register("sneaky", "<script>alert(1)</script>", Availability.ONLINE, "python");

        given().get("/agents")
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

        given().get("/agents")
                .then()
                .statusCode(200)
                .body(containsString("data-agent-id=\"agent-49\""))
                .body(not(containsString("data-agent-id=\"agent-50\"")))
                .body(containsString("href=\"/agents?after=agent-49\""));

        given().queryParam("after", "agent-49")
                .get("/agents")
                .then()
                .statusCode(200)
                .body(containsString("data-agent-id=\"agent-50\""))
                .body(not(containsString("rel=\"next\"")));
    }

    @Test
    void malformedCursorShowsAReadableMessage() {
        given().queryParam("after", "no/such cursor")
                .get("/agents")
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("role=\"alert\""))
                .body(containsString("must be 1-64 letters, digits, &#39;_&#39; or &#39;-&#39;"));
    }
}
