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
        PausingIdempotencyRecords.disarm();
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

    /**
     * The database goes away after the work of a settlement, before its commit: the client gets a
     * 503 and cannot know whether the settlement happened. Its retry with the same key, once the
     * database is back, settles once: the move, the claim on the key and the answer commit together
     * or not at all.
     */
    @Test
    void requestWhoseCommitOutcomeIsUnknownIsSafeToRetryWithItsKey() throws Exception {
        String token = tokens.agent(PAYER);
        String id = given(token)
                .header("Idempotency-Key", "outage-hire-000000002")
                .contentType("application/json")
                .body(hireBody())
                .post("/api/v1/transactions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String key = "outage-settle-000000001";
        PausingIdempotencyRecords.Pause pause = PausingIdempotencyRecords.arm();
        java.util.concurrent.CompletableFuture<Response> unknown =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> given(token)
                        .header("Idempotency-Key", key)
                        .contentType("application/json")
                        .post("/api/v1/transactions/" + id + "/settlement"));
        pause.awaitReached();
        PostgresBehindProxyProfile.proxy().cut();
        pause.resume();
        Response lost = unknown.get(60, java.util.concurrent.TimeUnit.SECONDS);
        PostgresBehindProxyProfile.proxy().restore();

        // A client retries after Retry-After while the pool replaces the connections the outage broke.
        Response retry = settle(token, id, key);
        for (int attempt = 1; retry.statusCode() == 503 && attempt < 5; attempt++) {
            retry = settle(token, id, key);
        }
        Response again = given(token)
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .post("/api/v1/transactions/" + id + "/settlement");

        assertUnavailable(lost, lost.header("X-Request-Id"));
        assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(200);
        assertThat(retry.jsonPath().getString("state")).isEqualTo("SETTLED");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.asString()).isEqualTo(retry.asString());
    }

    private static Response settle(String token, String id, String key) {
        return given(token)
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .post("/api/v1/transactions/" + id + "/settlement");
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
