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
