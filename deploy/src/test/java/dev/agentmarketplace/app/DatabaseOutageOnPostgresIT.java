package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away (the {@link CuttableProxy} in front of PostgreSQL is cut) and comes back:
 * while it is away every request that needs it is 503 DATABASE_UNAVAILABLE with Retry-After, as
 * problem+json with its X-Request-Id, whether it failed in a resource or in a filter; once it is
 * back, requests succeed again.
 */
@QuarkusTest
@TestProfile(PostgresBehindProxyProfile.class)
@EnabledIfPostgresAvailable
class DatabaseOutageOnPostgresIT {
    private static final String PAYER = "orchestrator";
    private static final String PROVIDER = "python-expert";

    @Inject
    ApiTokens tokens;

    @Inject
    RegistryFixture registry;

    @BeforeEach
    void agents() {
        registry.clear();
        registry.register(PAYER, "Orchestrator", Availability.ONLINE, "planning");
        registry.register(PROVIDER, "Python Expert", Availability.ONLINE, "python");
    }

    @AfterEach
    void databaseBack() {
        PostgresBehindProxyProfile.proxy().restore();
    }

    @Test
    void lostDatabaseIsServiceUnavailableWithRetryAfterUntilItIsBack() {
        String token = tokens.agent(PAYER);
        given(token).get("/api/v1/agents/" + PROVIDER).then().statusCode(200);

        PostgresBehindProxyProfile.proxy().cut();
        for (int i = 0; i < 3; i++) {
            assertUnavailable(
                    given(token).header("X-Request-Id", "outage-read-" + i).get("/api/v1/agents/" + PROVIDER),
                    "outage-read-" + i);
        }
        assertUnavailable(
                given(token)
                        .header("X-Request-Id", "outage-write")
                        .header("Idempotency-Key", "outage-hire-000000001")
                        .contentType("application/json")
                        .body(hireBody())
                        .post("/api/v1/transactions"),
                "outage-write");

        PostgresBehindProxyProfile.proxy().restore();
        given(token).get("/api/v1/agents/" + PROVIDER).then().statusCode(200);
        given(token)
                .header("Idempotency-Key", "outage-hire-000000001")
                .contentType("application/json")
                .body(hireBody())
                .post("/api/v1/transactions")
                .then()
                .statusCode(201);
    }

    private static void assertUnavailable(Response response, String requestId) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isNotNull().matches("[1-9][0-9]*");
        assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(response.jsonPath().getString("code")).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(503);
        assertThat(response.asString()).doesNotContain("Exception", "jdbc", "127.0.0.1");
    }

    private static String hireBody() {
        return "{\"provider\":\"" + PROVIDER + "\",\"capability\":\"python\","
                + "\"amount\":{\"amount\":\"1.50\",\"currency\":\"USDC\"}}";
    }

    private static io.restassured.specification.RequestSpecification given(String token) {
        return io.restassured.RestAssured.given().auth().oauth2(token);
    }
}
