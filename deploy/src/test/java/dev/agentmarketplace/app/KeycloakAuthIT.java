package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The platform behind Keycloak: real tokens obtained from a running Keycloak (client credentials
 * for agents, passwords for people) drive the API, and the token's azp claim is the agent.
 */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
class KeycloakAuthIT {
    @Inject
    RegistryFixture registry;

    @BeforeEach
    void emptyMarket() {
        registry.clear();
    }

    @Test
    void agentsRegisterHireAndSettleAsThemselvesWithKeycloakTokens() {
        String alpha = KeycloakTokens.agent("agent-alpha", "alpha-secret");
        String beta = KeycloakTokens.agent("agent-beta", "beta-secret");

        // Acting as another agent is refused, and nothing is registered.
        register(alpha, "agent-beta").then().statusCode(403).body("code", equalTo("ACTING_AS_ANOTHER_AGENT"));
        given().auth()
                .oauth2(alpha)
                .when()
                .get("/api/v1/agents/agent-beta")
                .then()
                .statusCode(404);

        register(alpha, "agent-alpha").then().statusCode(201).body("id", equalTo("agent-alpha"));
        register(beta, "agent-beta").then().statusCode(201);

        String hired = given().auth()
                .oauth2(beta)
                .header("Idempotency-Key", "keycloak-hire-000001")
                .contentType("application/json")
                .body("{\"provider\":\"agent-alpha\",\"capability\":\"python\","
                        + "\"amount\":{\"amount\":\"2.00\",\"currency\":\"USDC\"}}")
                .when()
                .post("/api/v1/transactions")
                .then()
                .statusCode(201)
                .body("payer", equalTo("agent-beta"))
                .body("state", equalTo("PENDING"))
                .extract()
                .path("id");
        // Only the payer settles: the provider's own token may not.
        given().auth()
                .oauth2(alpha)
                .contentType("application/json")
                .when()
                .post("/api/v1/transactions/" + hired + "/settlement")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(beta)
                .contentType("application/json")
                .when()
                .post("/api/v1/transactions/" + hired + "/settlement")
                .then()
                .statusCode(200)
                .body("state", equalTo("SETTLED"));

        String olivia = KeycloakTokens.person("olivia", "olivia-password");
        given().auth()
                .oauth2(olivia)
                .when()
                .get("/api/v1/transactions/" + hired)
                .then()
                .statusCode(200)
                .body("transaction.state", equalTo("SETTLED"));
    }

    private static io.restassured.response.Response register(String token, String agentId) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"id\":\"" + agentId + "\",\"displayName\":\"" + agentId + "\",\"owner\":\"keycloak-test\","
                        + "\"capabilities\":[\"python\"],\"price\":{\"amount\":\"2.00\",\"currency\":\"USDC\"},"
                        + "\"payoutWallet\":\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\",\"availability\":\"ONLINE\","
                        + "\"capacityPerHour\":10}")
                .when()
                .post("/api/v1/agents");
    }

    @Test
    void adminUserManagesClientsButTheEmbeddedIssuerIsOff() {
        String adam = KeycloakTokens.person("adam", "adam-password");
        given().auth().oauth2(adam).when().get("/api/v1/admin/clients").then().statusCode(200);
        given().auth()
                .oauth2(adam)
                .contentType("application/json")
                .body("{\"agentId\":\"agent-gamma\"}")
                .when()
                .post("/api/v1/admin/clients")
                .then()
                .statusCode(409)
                .body("code", equalTo("LOCAL_ISSUER_DISABLED"));
    }

    @Test
    void operatorAndAgentsAreNotAdmins() {
        String olivia = KeycloakTokens.person("olivia", "olivia-password");
        String alpha = KeycloakTokens.agent("agent-alpha", "alpha-secret");
        for (String token : new String[] {olivia, alpha}) {
            given().auth()
                    .oauth2(token)
                    .when()
                    .get("/api/v1/admin/clients")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("code", equalTo("ROLE_REQUIRED"));
        }
    }

    @Test
    void tokensKeycloakDidNotSignAreRefused() {
        String alpha = KeycloakTokens.agent("agent-alpha", "alpha-secret");
        String[] parts = alpha.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth()
                .oauth2(forged)
                .when()
                .get("/api/v1/admin/clients")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
        given().when().get("/api/v1/admin/clients").then().statusCode(401).header("WWW-Authenticate", "Bearer");
    }
}
