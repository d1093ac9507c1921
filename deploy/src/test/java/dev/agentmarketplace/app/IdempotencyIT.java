package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.agentmarketplace.core.access.AgentClientRepository;
import dev.agentmarketplace.core.registry.AgentId;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key} over HTTP, on client creation (whose every response differs, since each
 * mints a new token, so a replay is recognisable): a retry gets the first response byte for byte,
 * another body under the key is a conflict, and concurrent retries create exactly one client.
 */
@QuarkusTest
class IdempotencyIT {
    private static final String CLIENTS = "/api/v1/admin/clients";

    @Inject
    ApiTokens tokens;

    @Inject
    RegistryFixture registry;

    @Inject
    AgentClientRepository clients;

    private String admin;

    @BeforeEach
    void empty() {
        registry.clear();
        admin = tokens.admin();
    }

    @Test
    void aRetryWithTheKeyReplaysTheFirstResponse() {
        Response first = create("key-0000000000000001", "python-expert");
        Response retry = create("key-0000000000000001", "python-expert");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.asString()).isEqualTo(first.asString());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(clients.list(Optional.empty(), 10)).hasSize(1);
    }

    @Test
    void theKeyWithAnotherBodyIsAConflictAndChangesNothing() {
        create("key-0000000000000002", "python-expert").then().statusCode(201);
        create("key-0000000000000002", "orchestrator")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_MISMATCH"));
        assertThat(clients.find(AgentId.of("orchestrator"))).isEmpty();
    }

    @Test
    void aRefusedRequestIsNotKeptSoItsRetryRunsAgain() {
        create("key-0000000000000003", "python-expert").then().statusCode(201);
        create("key-0000000000000004", "python-expert")
                .then()
                .statusCode(409)
                .body("code", equalTo("CLIENT_ALREADY_EXISTS"));
        // Had the refusal been kept, this would replay it; it runs, and is refused again on its merits.
        Response retry = create("key-0000000000000004", "python-expert");
        assertThat(retry.statusCode()).isEqualTo(409);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void keysAreScopedToTheCaller() {
        create("key-0000000000000005", "python-expert").then().statusCode(201);
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(issuedToAnotherAdmin())
                .header("Idempotency-Key", "key-0000000000000005")
                .contentType("application/json")
                .body("{\"agentId\":\"orchestrator\"}")
                .when()
                .post(CLIENTS)
                .then()
                .statusCode(201)
                .body("client.agentId", equalTo("orchestrator"));
    }

    @Test
    void aMalformedKeyIsRefused() {
        create("short", "python-expert")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("idempotencyKey"));
        assertThat(clients.find(AgentId.of("python-expert"))).isEmpty();
    }

    @Test
    void concurrentRetriesCreateExactlyOnce() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(() -> create("key-0000000000000006", "python-expert"));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (Future<Response> result : pool.invokeAll(calls)) {
                statuses.add(result.get().statusCode());
                if (result.get().statusCode() == 201) {
                    bodies.add(result.get().asString());
                }
            }
            // Each either created, replayed the creation, or was told the first is still running.
            assertThat(statuses).contains(201).isSubsetOf(201, 409);
            assertThat(bodies).allMatch(bodies.getFirst()::equals);
            assertThat(clients.list(Optional.empty(), 10)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private String issuedToAnotherAdmin() {
        return tokens.adminNamed("second-admin");
    }

    private Response create(String key, String agentId) {
        return io.restassured.RestAssured.given()
                .auth()
                .oauth2(admin)
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body("{\"agentId\":\"" + agentId + "\"}")
                .when()
                .post(CLIENTS);
    }
}
