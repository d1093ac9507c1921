package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.agentmarketplace.api.security.LocalIssuerKeys;
import dev.agentmarketplace.api.security.LocalTokenIssuer;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.registry.AgentId;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded issuer end to end: an admin creates an agent's client over the API, the token it
 * gets back authenticates through quarkus-oidc, and tokens that are missing, forged, foreign or
 * expired are refused with 401 problems.
 */
@QuarkusTest
class ClientsApiIT {
    private static final String CLIENTS = "/api/v1/admin/clients";

    @Inject
    ApiTokens tokens;

    @Inject
    RegistryFixture registry;

    @BeforeEach
    void empty() {
        registry.clear();
    }

    @Test
    void adminCreatesAClientWhoseTokenActsAsThatAgent() {
        String token = tokens.asAdmin()
                .contentType("application/json")
                .body("{\"agentId\":\"python-expert\"}")
                .when()
                .post(CLIENTS)
                .then()
                .statusCode(201)
                .header("Location", containsString(CLIENTS + "/python-expert"))
                .body("client.agentId", equalTo("python-expert"))
                .body("client.roles", equalTo(java.util.List.of("agent")))
                .body("client.createdBy", equalTo("root"))
                .body("tokenType", equalTo("Bearer"))
                .body("expiresAt", notNullValue())
                .extract()
                .path("accessToken");

        // Verified (403, not 401), and acting as an agent, which is no admin.
        given().auth().oauth2(token).when().get(CLIENTS).then().statusCode(403).body("code", equalTo("ROLE_REQUIRED"));
        tokens.asAdmin()
                .when()
                .get(CLIENTS + "/python-expert")
                .then()
                .statusCode(200)
                .body("agentId", equalTo("python-expert"));
        tokens.asAdmin()
                .when()
                .get(CLIENTS)
                .then()
                .statusCode(200)
                .body("items.agentId", hasItem("python-expert"))
                .body("nextCursor", nullValue());
    }

    @Test
    void anAgentsSecondClientIsAConflictAndANewTokenIsMintedInstead() {
        createClient("orchestrator");
        tokens.asAdmin()
                .contentType("application/json")
                .body("{\"agentId\":\"orchestrator\"}")
                .when()
                .post(CLIENTS)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("CLIENT_ALREADY_EXISTS"));
        tokens.asAdmin()
                .when()
                .post(CLIENTS + "/orchestrator/tokens")
                .then()
                .statusCode(201)
                .body("client.agentId", equalTo("orchestrator"))
                .body("accessToken", notNullValue());
        tokens.asAdmin()
                .when()
                .post(CLIENTS + "/nobody/tokens")
                .then()
                .statusCode(404)
                .body("code", equalTo("CLIENT_NOT_FOUND"));
    }

    @Test
    void clientsPageInAgentIdOrder() {
        createClient("a-agent");
        createClient("b-agent");
        createClient("c-agent");
        String cursor = tokens.asAdmin()
                .queryParam("limit", 2)
                .when()
                .get(CLIENTS)
                .then()
                .statusCode(200)
                .body("items.agentId", equalTo(java.util.List.of("a-agent", "b-agent")))
                .extract()
                .path("nextCursor");
        tokens.asAdmin()
                .queryParam("after", cursor)
                .when()
                .get(CLIENTS)
                .then()
                .statusCode(200)
                .body("items.agentId", equalTo(java.util.List.of("c-agent")))
                .body("nextCursor", nullValue());
    }

    @Test
    void badInputNamesTheField() {
        tokens.asAdmin()
                .contentType("application/json")
                .body("{\"agentId\":\"not an id!\"}")
                .when()
                .post(CLIENTS)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("agentId"));
        tokens.asAdmin()
                .contentType("application/json")
                .body("{\"agentId\":\"fine\",\"extraRoles\":[\"superuser\"]}")
                .when()
                .post(CLIENTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("extraRoles"));
        tokens.asAdmin()
                .contentType("application/json")
                .body("{\"agentId\":\"fine\",\"secret\":\"x\"}")
                .when()
                .post(CLIENTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("secret"))
                .body("errors[0].message", equalTo("unknown field"));
        tokens.asAdmin()
                .contentType("application/json")
                .body("{\"agentId\":")
                .when()
                .post(CLIENTS)
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_JSON"));
        tokens.asAdmin()
                .contentType("application/json")
                .body("{}")
                .when()
                .post(CLIENTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("agentId"));
        tokens.asAdmin()
                .queryParam("limit", "many")
                .when()
                .get(CLIENTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        tokens.asAdmin().when().get(CLIENTS + "/no%20such").then().statusCode(400);
    }

    @Test
    void onlyAnAdminManagesClients() {
        for (String token : new String[] {tokens.operator(), tokens.agent("python-expert"), tokens.noRoles()}) {
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body("{\"agentId\":\"python-expert\"}")
                    .when()
                    .post(CLIENTS)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("code", equalTo("ROLE_REQUIRED"));
        }
        tokens.asAdmin().when().get(CLIENTS + "/python-expert").then().statusCode(404);
    }

    @Test
    void missingForgedForeignAndExpiredTokensAreUnauthenticated() throws Exception {
        given().when()
                .get(CLIENTS)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"));
        given().auth()
                .oauth2("not-a-jwt")
                .when()
                .get(CLIENTS)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));

        var foreignKey = KeyPairGenerator.getInstance("RSA");
        foreignKey.initialize(2048);
        String foreign = Jwt.issuer("urn:agent-marketplace:local-issuer")
                .subject("root")
                .groups(Set.of("admin"))
                .expiresIn(Duration.ofHours(1))
                .sign(foreignKey.generateKeyPair().getPrivate());
        given().auth().oauth2(foreign).when().get(CLIENTS).then().statusCode(401);

        Path keys = Path.of("target/test-issuer");
        assertThat(Files.exists(keys.resolve("issuer-private-key.pem"))).isTrue();
        Clock twoDaysAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
        String expired = new LocalTokenIssuer(
                        LocalIssuerKeys.loadOrCreate(keys),
                        "urn:agent-marketplace:local-issuer",
                        "sub",
                        Duration.ofHours(1),
                        twoDaysAgo)
                .mintForAgent(AgentId.of("python-expert"), Set.of(Role.AGENT, Role.ADMIN))
                .token();
        given().auth().oauth2(expired).when().get(CLIENTS).then().statusCode(401);
    }

    /** RFC 7519 §4.1.6: a token dated ahead of the platform's clock, beyond the allowed skew, is refused. */
    @Test
    void tokenIssuedInTheFutureIsRefusedButASmallClockSkewIsTolerated() {
        tokens.asAdmin().when().get(CLIENTS).then().statusCode(200);
        LocalIssuerKeys keys = LocalIssuerKeys.loadOrCreate(Path.of("target/test-issuer"));

        String fromTomorrow = adminTokenIssuedAt(keys, Instant.now().plus(Duration.ofDays(1)));
        given().auth()
                .oauth2(fromTomorrow)
                .when()
                .get(CLIENTS)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));

        String slightlyAhead = adminTokenIssuedAt(keys, Instant.now().plus(Duration.ofSeconds(20)));
        given().auth().oauth2(slightlyAhead).when().get(CLIENTS).then().statusCode(200);
    }

    private static String adminTokenIssuedAt(LocalIssuerKeys keys, Instant issuedAt) {
        return new LocalTokenIssuer(
                        keys,
                        "urn:agent-marketplace:local-issuer",
                        "sub",
                        Duration.ofDays(2),
                        Clock.fixed(issuedAt, ZoneOffset.UTC))
                .mint("root", Optional.empty(), Set.of(Role.ADMIN))
                .token();
    }

    private void createClient(String agentId) {
        tokens.asAdmin()
                .contentType("application/json")
                .body("{\"agentId\":\"" + agentId + "\"}")
                .when()
                .post(CLIENTS)
                .then()
                .statusCode(201);
    }
}
