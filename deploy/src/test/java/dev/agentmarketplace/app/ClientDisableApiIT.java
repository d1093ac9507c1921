package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.agentmarketplace.api.security.LocalIssuerKeys;
import dev.agentmarketplace.api.security.LocalTokenIssuer;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.registry.AgentId;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Disabling a client over the API: its tokens are refused with 401 {@code CLIENT_DISABLED} from the
 * next request on, other agents' tokens are not, enabling it again accepts only tokens issued from
 * then on, and only an admin may do either.
 */
@QuarkusTest
class ClientDisableApiIT {
    private static final String CLIENTS = "/api/v1/admin/clients";
    private static final String AN_AGENT_OPERATION = "/api/v1/agents";

    @Inject
    ApiTokens tokens;

    @Inject
    RegistryFixture registry;

    @BeforeEach
    void empty() {
        registry.clear();
    }

    @Test
    void disabledClientsTokensAreRefusedAtOnceAndOtherAgentsAreNot() {
        String token = createClient("python-expert");
        String othersToken = createClient("orchestrator");
        given().auth().oauth2(token).when().get(AN_AGENT_OPERATION).then().statusCode(200);

        tokens.asAdmin()
                .when()
                .post(CLIENTS + "/python-expert/disable")
                .then()
                .statusCode(200)
                .body("agentId", equalTo("python-expert"))
                .body("disabled", equalTo(true))
                .body("disabledBy", equalTo("root"))
                .body("disabledAt", notNullValue());

        given().auth()
                .oauth2(token)
                .when()
                .get(AN_AGENT_OPERATION)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("code", equalTo("CLIENT_DISABLED"))
                .body("type", equalTo("/problems/client-disabled"))
                .body("detail", containsString("python-expert"));
        given().auth().oauth2(othersToken).when().get(AN_AGENT_OPERATION).then().statusCode(200);
        tokens.asAdmin()
                .when()
                .get(CLIENTS + "/python-expert")
                .then()
                .statusCode(200)
                .body("disabled", equalTo(true));
    }

    @Test
    void enablingAgainAcceptsNewTokensButNotTheOnesIssuedBefore() {
        createClient("python-expert");
        String issuedBefore = agentTokenIssuedAt("python-expert", Instant.now().minusSeconds(30));
        tokens.asAdmin().when().post(CLIENTS + "/python-expert/disable").then().statusCode(200);

        tokens.asAdmin()
                .when()
                .post(CLIENTS + "/python-expert/enable")
                .then()
                .statusCode(200)
                .body("disabled", equalTo(false))
                .body("disabledBy", nullValue())
                .body("tokensIssuedFrom", notNullValue());
        String minted = tokens.asAdmin()
                .when()
                .post(CLIENTS + "/python-expert/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("accessToken");

        given().auth()
                .oauth2(issuedBefore)
                .when()
                .get(AN_AGENT_OPERATION)
                .then()
                .statusCode(401)
                .body("code", equalTo("CLIENT_DISABLED"));
        given().auth().oauth2(minted).when().get(AN_AGENT_OPERATION).then().statusCode(200);
    }

    @Test
    void disablingTwiceKeepsTheFirstDisablement() {
        createClient("python-expert");
        String first = tokens.asAdmin()
                .when()
                .post(CLIENTS + "/python-expert/disable")
                .then()
                .statusCode(200)
                .extract()
                .path("disabledAt");

        tokens.asAdmin()
                .when()
                .post(CLIENTS + "/python-expert/disable")
                .then()
                .statusCode(200)
                .body("disabledAt", equalTo(first));
    }

    @Test
    void badOrUnknownAgentIdIsRefused() {
        tokens.asAdmin()
                .when()
                .post(CLIENTS + "/no%20such/disable")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_VALUE"));
        tokens.asAdmin()
                .when()
                .post(CLIENTS + "/ghost/disable")
                .then()
                .statusCode(404)
                .body("code", equalTo("CLIENT_NOT_FOUND"));
        tokens.asAdmin()
                .when()
                .post(CLIENTS + "/ghost/enable")
                .then()
                .statusCode(404)
                .body("code", equalTo("CLIENT_NOT_FOUND"));
    }

    @Test
    void onlyAnAdminDisablesAndNoAgentDisablesAnother() {
        String token = createClient("python-expert");
        String othersToken = createClient("orchestrator");

        given().when()
                .post(CLIENTS + "/python-expert/disable")
                .then()
                .statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        given().auth()
                .oauth2("not-a-jwt")
                .when()
                .post(CLIENTS + "/python-expert/disable")
                .then()
                .statusCode(401);
        for (String caller : new String[] {tokens.operator(), othersToken, token, tokens.noRoles()}) {
            given().auth()
                    .oauth2(caller)
                    .when()
                    .post(CLIENTS + "/python-expert/disable")
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("ROLE_REQUIRED"));
        }
        given().auth().oauth2(token).when().get(AN_AGENT_OPERATION).then().statusCode(200);
    }

    private String createClient(String agentId) {
        return tokens.asAdmin()
                .contentType("application/json")
                .body("{\"agentId\":\"" + agentId + "\"}")
                .when()
                .post(CLIENTS)
                .then()
                .statusCode(201)
                .extract()
                .path("accessToken");
    }

    /** A genuine token of the agent's client, dated {@code issuedAt}: what a token minted earlier looks like. */
    private static String agentTokenIssuedAt(String agent, Instant issuedAt) {
        return new LocalTokenIssuer(
                        LocalIssuerKeys.loadOrCreate(Path.of("target/test-issuer")),
                        "urn:agent-marketplace:local-issuer",
                        "sub",
                        Duration.ofDays(1),
                        Clock.fixed(issuedAt, ZoneOffset.UTC))
                .mintForAgent(AgentId.of(agent), Set.of(Role.AGENT))
                .token();
    }
}
