package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.agentmarketplace.core.access.AgentClients;
import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.registry.AgentId;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The clients page: admins only; create, mint (shown once), disable so the tokens are refused, enable. */
@QuarkusTest
class ClientsPageIT {
    private static final String PAGE = "/dashboard/clients";
    private static final Caller ADMIN = Caller.staff("root", Role.ADMIN);

    @Inject
    RegistryFixture registry;

    @Inject
    DashboardClient dashboard;

    @Inject
    AgentClients clients;

    @BeforeEach
    void empty() {
        registry.clear();
    }

    @AfterEach
    void leaveNothingBehind() {
        registry.clear();
    }

    private static String mintedToken(String page) {
        return page.replaceAll("(?s).*<code id=\"minted-token\">([^<]+)</code>.*", "$1");
    }

    @Test
    void anonymousIsSentToSignInAndOperatorsAndAgentsAreRefused() {
        given().redirects()
                .follow(false)
                .get(PAGE)
                .then()
                .statusCode(303)
                .header("Location", containsString("/dashboard/sign-in?next=%2Fdashboard%2Fclients"));
        dashboard.asOperator().get(PAGE).then().statusCode(403).body(containsString("Admins only"));
        dashboard
                .asOperator()
                .formParam("agentId", "python-expert")
                .post(PAGE)
                .then()
                .statusCode(403);
        dashboard.asAgent("python-expert").get(PAGE).then().statusCode(403);
        assertThat(clients.list(ADMIN, Optional.empty(), 10).clients()).isEmpty();
    }

    @Test
    void noClientsYetSaysSo() {
        dashboard
                .asAdmin()
                .get(PAGE)
                .then()
                .statusCode(200)
                .body(containsString("No clients yet."))
                .body(containsString("<label for=\"agentId\">Agent id</label>"));
    }

    @Test
    void creatingAClientShowsItsTokenOnceAndTheTokenActsAsTheAgent() {
        String page = dashboard
                .asAdmin()
                .formParam("agentId", "python-expert")
                .post(PAGE)
                .then()
                .statusCode(201)
                .body(containsString("Client python-expert created."))
                .body(containsString("It is shown only this once"))
                .body(containsString("data-agent-id=\"python-expert\" data-disabled=\"false\""))
                .extract()
                .asString();
        String token = mintedToken(page);

        given().auth().oauth2(token).get("/api/v1/agents").then().statusCode(200);
        dashboard.asAdmin().get(PAGE).then().statusCode(200).body(not(containsString(token)));
    }

    @Test
    void badAgentIdIsShownBesideItsField() {
        dashboard
                .asAdmin()
                .formParam("agentId", "no such agent")
                .post(PAGE)
                .then()
                .statusCode(400)
                .body(containsString("value=\"no such agent\""))
                .body(containsString("aria-invalid=\"true\" aria-describedby=\"agentId-error\""))
                .body(containsString("<p class=\"field-error\" id=\"agentId-error\">"));
        assertThat(clients.list(ADMIN, Optional.empty(), 10).clients()).isEmpty();
    }

    @Test
    void secondClientOfAnAgentIsARefusalOnThePage() {
        clients.create(ADMIN, AgentId.of("python-expert"), Set.of());

        dashboard
                .asAdmin()
                .formParam("agentId", "python-expert")
                .post(PAGE)
                .then()
                .statusCode(409)
                .body(containsString("role=\"alert\""))
                .body(containsString("already has a client"));
    }

    @Test
    void disablingRefusesTheClientsTokensAndEnablingShowsItEnabledAgain() {
        String token = mintedToken(dashboard
                .asAdmin()
                .formParam("agentId", "python-expert")
                .post(PAGE)
                .asString());

        dashboard
                .asAdmin()
                .post(PAGE + "/python-expert/disable")
                .then()
                .statusCode(200)
                .body(containsString("data-agent-id=\"python-expert\" data-disabled=\"true\""))
                .body(containsString("client-disabled"));
        given().auth()
                .oauth2(token)
                .get("/api/v1/agents")
                .then()
                .statusCode(401)
                .body("code", equalTo("CLIENT_DISABLED"));
        dashboard
                .asAdmin()
                .post(PAGE + "/python-expert/tokens")
                .then()
                .statusCode(409)
                .body(containsString("enable it first"));

        dashboard
                .asAdmin()
                .post(PAGE + "/python-expert/enable")
                .then()
                .statusCode(200)
                .body(containsString("data-agent-id=\"python-expert\" data-disabled=\"false\""));
        String fresh = mintedToken(dashboard
                .asAdmin()
                .post(PAGE + "/python-expert/tokens")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        given().auth().oauth2(fresh).get("/api/v1/agents").then().statusCode(200);
    }

    @Test
    void actionsOnAnUnknownClientOrWithoutTheFormTokenAreRefused() {
        dashboard.asAdmin().post(PAGE + "/ghost/disable").then().statusCode(404).body(containsString("has no client"));
        dashboard.asAdmin().post(PAGE + "/no%20such/disable").then().statusCode(400);
        clients.create(ADMIN, AgentId.of("python-expert"), Set.of());
        dashboard
                .withoutCsrf(Role.ADMIN)
                .post(PAGE + "/python-expert/disable")
                .then()
                .statusCode(403)
                .body(containsString("Form expired"));
        assertThat(clients.get(ADMIN, AgentId.of("python-expert")).isDisabled()).isFalse();
    }

    @Test
    void longListsArePaged() {
        for (int i = 0; i < 51; i++) {
            clients.create(ADMIN, AgentId.of("agent-%02d".formatted(i)), Set.of());
        }

        dashboard
                .asAdmin()
                .get(PAGE)
                .then()
                .statusCode(200)
                .body(containsString("data-agent-id=\"agent-49\""))
                .body(not(containsString("data-agent-id=\"agent-50\"")))
                .body(containsString("href=\"/dashboard/clients?after=agent-49\""));
        dashboard
                .asAdmin()
                .get(PAGE + "?after=agent-49")
                .then()
                .statusCode(200)
                .body(containsString("data-agent-id=\"agent-50\""))
                .body(not(containsString("rel=\"next\"")));
    }
}
