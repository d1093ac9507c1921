package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The agents API of the packaged application: who may call it, a registration read back and found by
 * search, and RFC 9457 problems for what it refuses, serialized by the prod build.
 */
@QuarkusIntegrationTest
@TestProfile(PackagedAppProfile.class)
@EnabledIfPostgresAvailable
class PackagedAgentApiIT {

    @Test
    void withoutATokenTheApiIsAnUnauthenticatedProblem() {
        given().get("/api/v1/agents")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        given().auth()
                .oauth2("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")
                .get("/api/v1/agents")
                .then()
                .statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void anAgentRegistersItselfIsReadBackAndFoundBySearch() {
        String id = PackagedApi.uniqueAgentId("packaged");

        PackagedApi.register(id, "Packaged Search", "2.5")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/agents/" + id))
                .body("id", equalTo(id))
                .body("capabilities", contains("packaged search"))
                .body("price.amount", equalTo("2.500000"))
                .body("payoutWallet", equalTo("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));

        PackagedApi.asOperator()
                .get("/api/v1/agents/" + id)
                .then()
                .statusCode(200)
                .body("displayName", equalTo("Agent " + id))
                .body("owner", equalTo("acme"))
                .body("availability", equalTo("ONLINE"))
                .body("metadata.region", equalTo("eu-west"));

        PackagedApi.asAgent(id)
                .queryParam("capability", "packaged search")
                .queryParam("maxPrice", "3")
                .queryParam("currency", "USDC")
                .queryParam("sort", "PRICE")
                .get("/api/v1/discovery/search")
                .then()
                .statusCode(200)
                .body("items.agent.id", hasItem(id))
                .body("items.find { it.agent.id == '" + id + "' }.agent.price.currency", equalTo("USDC"));
    }

    @Test
    void anInvalidRegistrationIsAProblemNamingTheField() {
        String id = PackagedApi.uniqueAgentId("invalid");
        Map<String, Object> body = new HashMap<>(PackagedApi.registration(id, "python", "2.5"));
        body.put("capacityPerHour", 0);

        PackagedApi.asAgent(id)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/agents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-value"))
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("capacityPerHour"));

        PackagedApi.asOperator()
                .get("/api/v1/agents/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/agent-not-found"))
                .body("code", equalTo("AGENT_NOT_FOUND"))
                .body("instance", equalTo("/api/v1/agents/" + id));
    }

    @Test
    void aBodyThatIsNotJsonIsAMalformedJsonProblem() {
        PackagedApi.asAgent("someone")
                .contentType(ContentType.JSON)
                .body("{\"id\": ")
                .post("/api/v1/agents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_JSON"));
    }
}
