package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.registry.Availability;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * State moves with an {@code Idempotency-Key}: the answer is kept in the transaction of the move, so
 * an answer lost after the commit ({@link LostAnswers}) is replayed to the retry instead of the move
 * being refused as a second one; and a replay is only served to a caller the operation would still
 * allow. {@link IdempotentStateMovesOnPostgresIT} runs the same on PostgreSQL.
 */
@QuarkusTest
class IdempotentStateMovesIT {
    private static final String TRANSACTIONS = "/api/v1/transactions";
    private static final String PAYER = "orchestrator";
    private static final String PROVIDER = "python-expert";
    private static final String STRANGER = "bystander";
    private static final AtomicInteger KEYS = new AtomicInteger();

    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    TransactionQueries queries;

    @BeforeEach
    void agents() {
        registry.clear();
        registry.register(PAYER, "Orchestrator", Availability.ONLINE, "planning");
        registry.register(PROVIDER, "Python Expert", Availability.ONLINE, "python");
        registry.register(STRANGER, "Bystander", Availability.ONLINE, "planning");
    }

    @AfterEach
    void leaveNothingBehind() {
        registry.clear();
    }

    @Test
    void settlementWhoseAnswerWasLostAfterTheCommitIsReplayedToTheRetry() {
        String id = hire();
        String key = nextKey();

        Response lost = asAgent(PAYER)
                .header(LostAnswers.LOSE, "1")
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .post(TRANSACTIONS + "/" + id + "/settlement");
        Response retry = asAgent(PAYER)
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .post(TRANSACTIONS + "/" + id + "/settlement");

        assertThat(lost.statusCode()).isEqualTo(500);
        assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.jsonPath().getString("state")).isEqualTo("SETTLED");
        assertThat(queries.get(TransactionId.of(id)).transaction().state()).isEqualTo(TransactionState.SETTLED);
    }

    @Test
    void cancellationWhoseAnswerWasLostAfterTheCommitIsReplayedToTheRetry() {
        String id = hire();
        String key = nextKey();

        asAgent(PAYER)
                .header(LostAnswers.LOSE, "1")
                .header("Idempotency-Key", key)
                .post(TRANSACTIONS + "/" + id + "/cancellation")
                .then()
                .statusCode(500);
        Response retry = asAgent(PAYER).header("Idempotency-Key", key).post(TRANSACTIONS + "/" + id + "/cancellation");

        assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.jsonPath().getString("state")).isEqualTo("CANCELLED");
    }

    @Test
    void reputationAdjustmentWhoseAnswerWasLostIsReplayedAndAppliedOnce() {
        String key = nextKey();
        String path = "/api/v1/agents/" + PROVIDER + "/reputation/adjustments";
        Map<String, String> body = Map.of("delta", "-0.5", "reason", "late delivery");

        tokens.asOperator()
                .header(LostAnswers.LOSE, "1")
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .post(path)
                .then()
                .statusCode(500);
        Response retry = tokens.asOperator()
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .post(path);

        assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(tokens.asOperator()
                        .get("/api/v1/agents/" + PROVIDER + "/reputation/history")
                        .jsonPath()
                        .getList("items"))
                .hasSize(1);
    }

    @Test
    void heartbeatWhoseAnswerWasLostIsReplayedToTheRetry() {
        String key = nextKey();
        String path = "/api/v1/agents/" + PROVIDER + "/heartbeat?availability=BUSY";

        asAgent(PROVIDER)
                .header(LostAnswers.LOSE, "1")
                .header("Idempotency-Key", key)
                .post(path)
                .then()
                .statusCode(500);
        Response retry = asAgent(PROVIDER).header("Idempotency-Key", key).post(path);

        assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.jsonPath().getString("availability")).isEqualTo("BUSY");
    }

    @Test
    void aStoredAnswerIsNotReplayedToATokenThatLostTheRoleItNeeds() {
        String key = nextKey();
        String path = "/api/v1/agents/" + PROVIDER + "/reputation/adjustments";
        Map<String, String> body = Map.of("delta", "0.25", "reason", "fast delivery");
        RestAssured.given()
                .auth()
                .oauth2(tokens.operator())
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .post(path)
                .then()
                .statusCode(201);

        Response replayAttempt = RestAssured.given()
                .auth()
                .oauth2(tokens.withoutRoles("ops"))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .post(path);

        assertThat(replayAttempt.statusCode()).as(replayAttempt.asString()).isEqualTo(403);
        assertThat(replayAttempt.jsonPath().getString("code")).isEqualTo("ROLE_REQUIRED");
        assertThat(replayAttempt.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void aSettlementAnswerIsNotReplayedToATokenThatLostItsRolesNorToAnotherAgent() {
        String id = hire();
        String key = nextKey();
        tokens.asOperator()
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .post(TRANSACTIONS + "/" + id + "/settlement")
                .then()
                .statusCode(200);

        Response roleless = RestAssured.given()
                .auth()
                .oauth2(tokens.withoutRoles("ops"))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .post(TRANSACTIONS + "/" + id + "/settlement");
        Response stranger = asAgent(STRANGER)
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .post(TRANSACTIONS + "/" + id + "/settlement");

        assertThat(roleless.statusCode()).as(roleless.asString()).isEqualTo(403);
        assertThat(roleless.header("Idempotent-Replayed")).isNull();
        assertThat(stranger.statusCode()).as(stranger.asString()).isEqualTo(403);
        assertThat(stranger.jsonPath().getString("code")).isEqualTo("ACTING_AS_ANOTHER_AGENT");
        assertThat(stranger.header("Idempotent-Replayed")).isNull();
    }

    private String hire() {
        return asAgent(PAYER)
                .header("Idempotency-Key", nextKey())
                .contentType("application/json")
                .body(Map.of(
                        "provider",
                        PROVIDER,
                        "capability",
                        "python",
                        "amount",
                        Map.of("amount", "1.50", "currency", "USDC")))
                .post(TRANSACTIONS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private RequestSpecification asAgent(String agent) {
        return tokens.asAgent(agent);
    }

    private static String nextKey() {
        return "moves-key-" + Instant.now().toEpochMilli() + "-" + KEYS.incrementAndGet();
    }
}
