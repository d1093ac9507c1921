package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.reputation.ReputationEvent;
import dev.agentmarketplace.core.reputation.ReputationPolicy;
import dev.agentmarketplace.core.reputation.ReputationService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reputation over HTTP: reading it and its history, payers' feedback, operators' adjustments. */
@QuarkusTest
class ReputationApiIT {
    private static final AgentId PAYER = AgentId.of("orchestrator");
    private static final AgentId PROVIDER = AgentId.of("python-expert");

    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    Ledger ledger;

    @Inject
    ReputationService reputation;

    @Inject
    DisputeDesk desk;

    private Transaction settled;

    @BeforeEach
    void settleOneHire() {
        registry.clear();
        registry.register("orchestrator", "Orchestrator", Availability.ONLINE, "planning");
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");
        registry.register("stranger", "Stranger", Availability.ONLINE, "python");
        settled = settledHire();
    }

    private Transaction hire() {
        return ledger.hire(new HireRequest(
                        PAYER,
                        PROVIDER,
                        Capability.of("python"),
                        RegistryFixture.PRICE,
                        "write a parser",
                        IdempotencyKey.of(UUID.randomUUID().toString())))
                .transaction();
    }

    private Transaction settledHire() {
        Transaction hired = hire();
        return ledger.settle(hired.id(), Actor.agent(PAYER), Optional.empty());
    }

    /**
     * The provider's history without the successes its settled hires count (the one settled before
     * each test among them): the events these tests add, feedback and adjustments.
     */
    private List<ReputationEvent> history() {
        return reputation.history(PROVIDER).stream()
                .filter(event -> !(event instanceof ReputationEvent.TaskOutcome))
                .toList();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    @Test
    void anyRoleReadsAReputationAndANewcomerSitsAtThePrior() {
        for (var request : List.of(tokens.asAgent("python-expert"), tokens.asOperator(), tokens.asAdmin())) {
            request.get("/api/v1/agents/stranger/reputation")
                    .then()
                    .statusCode(200)
                    .body("agentId", equalTo("stranger"))
                    .body("score", equalTo(3.0f))
                    .body("low", lessThan(3.0f))
                    .body("high", greaterThan(3.0f))
                    .body("feedbackCount", equalTo(0))
                    .body("successes", equalTo(0))
                    .body("failures", equalTo(0));
        }
    }

    @Test
    void settledHiresCountAsSuccessesAndAPartialRefundAsALostDisputeWeightedByItsShare() {
        // The hire settled before each test is one success already.
        Transaction second = settledHire();
        readReputation().body("successes", equalTo(2)).body("failures", equalTo(0));

        Dispute dispute = desk.open(second.id(), PAYER, "a quarter missing", List.of());
        tokens.asOperator()
                .contentType(ContentType.JSON)
                .body("{\"outcome\":\"PARTIAL_REFUND\",\"refund\":{\"amount\":\"0.375\",\"currency\":\"USDC\"},"
                        + "\"note\":\"a quarter missing\"}")
                .post("/api/v1/disputes/" + dispute.id() + "/resolution")
                .then()
                .statusCode(200);

        float score = readReputation()
                .body("successes", equalTo(2))
                .body("failures", equalTo(1))
                .extract()
                .path("score");
        tokens.asOperator()
                .get("/api/v1/agents/python-expert/reputation/history")
                .then()
                .statusCode(200)
                .body("items.type", contains("TASK_OUTCOME", "TASK_OUTCOME", "DISPUTE_LOST"))
                .body("items[0].success", equalTo(true))
                .body("items[0].cause", equalTo("transaction " + settled.id() + " settled"))
                .body(
                        "items[2].cause",
                        equalTo("dispute lost on transaction " + second.id() + ", refunded share 0.25"));
        // 0.375 of 1.50 refunded: a quarter of a lost dispute's weight (3), two successes (weight 1 each).
        double amountWeight = ReputationPolicy.DEFAULTS.amountWeight(RegistryFixture.PRICE);
        // The wiring's clock is the system's: the seconds between the hires and this read decay the
        // sum by 0.5^(seconds / 90 days), ~3e-7 of it per second on a slow machine; a wrong share
        // (say 1 instead of 0.25) would be off by more than 2.
        assertThat(reputation.reputationOf(PROVIDER).effectiveObservations())
                .isCloseTo(amountWeight * (2 + 3 * 0.25), within(1e-3));
        assertThat((double) score).isGreaterThan(3.0);
    }

    private ValidatableResponse readReputation() {
        return tokens.asAgent("stranger")
                .get("/api/v1/agents/python-expert/reputation")
                .then()
                .statusCode(200);
    }

    @Test
    void readingAReputationNeedsATokenWithARole() {
        given().get("/api/v1/agents/python-expert/reputation")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"));
        given().auth()
                .oauth2(tokens.noRoles())
                .get("/api/v1/agents/python-expert/reputation")
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"));
    }

    @Test
    void unknownAgentHasNoReputation() {
        tokens.asOperator()
                .get("/api/v1/agents/ghost/reputation")
                .then()
                .statusCode(404)
                .body("code", equalTo("AGENT_NOT_FOUND"));
        tokens.asOperator()
                .get("/api/v1/agents/ghost/reputation/history")
                .then()
                .statusCode(404)
                .body("code", equalTo("AGENT_NOT_FOUND"));
    }

    @Test
    void thePayerRatesTheProviderOfASettledTransaction() {
        tokens.asAgent("orchestrator")
                .contentType(ContentType.JSON)
                .body(Map.of("transactionId", settled.id().value(), "rating", new BigDecimal("4.5")))
                .post("/api/v1/agents/python-expert/feedback")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/agents/python-expert/reputation"))
                .body("agentId", equalTo("python-expert"))
                .body("feedbackCount", equalTo(1))
                .body("score", greaterThan(3.0f));

        tokens.asAgent("python-expert")
                .get("/api/v1/agents/python-expert/reputation/history")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].type", equalTo("TASK_OUTCOME"))
                .body("items[1].type", equalTo("FEEDBACK"))
                .body("items[1].rating", equalTo("4.5"))
                .body("items[1].from", equalTo("orchestrator"))
                .body("items[1].transactionId", equalTo(settled.id().value()))
                .body("items[1].delta", nullValue())
                .body("nextCursor", nullValue());
        assertThat(history())
                .singleElement()
                .isInstanceOfSatisfying(
                        ReputationEvent.Feedback.class,
                        feedback -> assertThat(feedback.rating()).isEqualByComparingTo("4.5"));
    }

    @Test
    void aRatingMayBeAJsonStringAndIsKeptExactly() {
        tokens.asAgent("orchestrator")
                .contentType(ContentType.JSON)
                .body("{\"transactionId\": \"" + settled.id() + "\", \"rating\": \"3.7\"}")
                .post("/api/v1/agents/python-expert/feedback")
                .then()
                .statusCode(201)
                .body("feedbackCount", equalTo(1));

        ReputationEvent.Feedback feedback = (ReputationEvent.Feedback) history().getFirst();
        assertThat(feedback.rating()).isEqualTo(new BigDecimal("3.7"));
    }

    @Test
    void malformedFeedbackIsABadRequestNamingTheField() {
        record Case(String body, String field) {}
        String id = settled.id().value();
        List<Case> cases = List.of(
                new Case("{\"transactionId\": \"" + id + "\", \"rating\": 4.55}", "rating"),
                new Case("{\"transactionId\": \"" + id + "\", \"rating\": \"5.1\"}", "rating"),
                new Case("{\"transactionId\": \"" + id + "\", \"rating\": -1}", "rating"),
                new Case("{\"transactionId\": \"" + id + "\", \"rating\": \"great\"}", "rating"),
                new Case("{\"transactionId\": \"" + id + "\"}", "rating"),
                new Case("{\"transactionId\": \"T-1\", \"rating\": 4}", "transactionId"),
                new Case("{\"transactionId\": \"" + id + "\", \"rating\": 4, \"rater\": \"someone\"}", "rater"));
        for (Case bad : cases) {
            tokens.asAgent("orchestrator")
                    .contentType(ContentType.JSON)
                    .body(bad.body())
                    .post("/api/v1/agents/python-expert/feedback")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("INVALID_VALUE"))
                    .body("errors[0].field", equalTo(bad.field()));
        }

        assertThat(history()).isEmpty();
    }

    @Test
    void onlyThePayerMayRateNeverAnotherAgentOnItsBehalf() {
        tokens.asAgent("stranger")
                .contentType(ContentType.JSON)
                .body(Map.of("transactionId", settled.id().value(), "rating", 0))
                .post("/api/v1/agents/python-expert/feedback")
                .then()
                .statusCode(403)
                .body("code", equalTo("FEEDBACK_NOT_ALLOWED"))
                .body("detail", containsString("only the payer"));
        tokens.asAgent("python-expert")
                .contentType(ContentType.JSON)
                .body(Map.of("transactionId", settled.id().value(), "rating", 5))
                .post("/api/v1/agents/python-expert/feedback")
                .then()
                .statusCode(403)
                .body("code", equalTo("FEEDBACK_NOT_ALLOWED"));

        assertThat(history()).isEmpty();
    }

    @Test
    void thePayerRatesOnlyTheTransactionsProvider() {
        tokens.asAgent("orchestrator")
                .contentType(ContentType.JSON)
                .body(Map.of("transactionId", settled.id().value(), "rating", 1))
                .post("/api/v1/agents/stranger/feedback")
                .then()
                .statusCode(403)
                .body("code", equalTo("FEEDBACK_NOT_ALLOWED"))
                .body("detail", containsString("was provided by 'python-expert'"));

        assertThat(reputation.history(AgentId.of("stranger"))).isEmpty();
    }

    @Test
    void anUnsettledTransactionCannotBeRated() {
        Transaction pending = hire();

        tokens.asAgent("orchestrator")
                .contentType(ContentType.JSON)
                .body(Map.of("transactionId", pending.id().value(), "rating", 4))
                .post("/api/v1/agents/python-expert/feedback")
                .then()
                .statusCode(403)
                .body("code", equalTo("FEEDBACK_NOT_ALLOWED"))
                .body("detail", containsString("only settled transactions"));

        assertThat(history()).isEmpty();
    }

    @Test
    void feedbackIsForAgentsWithATokenOnly() {
        Map<String, Object> body = Map.of("transactionId", settled.id().value(), "rating", 4);
        tokens.asOperator()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/agents/python-expert/feedback")
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"));
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/agents/python-expert/feedback")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("UNAUTHENTICATED"));

        assertThat(history()).isEmpty();
    }

    @Test
    void unknownTransactionOrProviderIsNotFound() {
        tokens.asAgent("orchestrator")
                .contentType(ContentType.JSON)
                .body(Map.of("transactionId", UUID.randomUUID().toString(), "rating", 4))
                .post("/api/v1/agents/python-expert/feedback")
                .then()
                .statusCode(404)
                .body("code", equalTo("TRANSACTION_NOT_FOUND"));
    }

    @Test
    void aTransactionIsRatedOnce() {
        Map<String, Object> body = Map.of("transactionId", settled.id().value(), "rating", 4);
        tokens.asAgent("orchestrator")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/agents/python-expert/feedback")
                .then()
                .statusCode(201);

        tokens.asAgent("orchestrator")
                .contentType(ContentType.JSON)
                .body(Map.of("transactionId", settled.id().value(), "rating", 5))
                .post("/api/v1/agents/python-expert/feedback")
                .then()
                .statusCode(409)
                .body("code", equalTo("FEEDBACK_ALREADY_GIVEN"));

        assertThat(history()).hasSize(1);
    }

    @Test
    void aRetriedRatingReplaysAndAKeyReusedWithAnotherBodyConflicts() {
        String key = key();
        String body = "{\"transactionId\": \"" + settled.id() + "\", \"rating\": 4}";
        ExtractableResponse<Response> first = tokens.asAgent("orchestrator")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/agents/python-expert/feedback")
                .then()
                .statusCode(201)
                .extract();

        tokens.asAgent("orchestrator")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/agents/python-expert/feedback")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", equalTo(first.header("Location")))
                .body(equalTo(first.asString()));
        tokens.asAgent("orchestrator")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body("{\"transactionId\": \"" + settled.id() + "\", \"rating\": 2}")
                .post("/api/v1/agents/python-expert/feedback")
                .then()
                .statusCode(409)
                .body("code", equalTo("IDEMPOTENCY_MISMATCH"));

        assertThat(history()).hasSize(1);
    }

    @Test
    void anOperatorAdjustsAScoreWithAReasonTheHistoryKeeps() {
        tokens.asOperator()
                .contentType(ContentType.JSON)
                .body("{\"delta\": \"-0.5\", \"reason\": \"confirmed spam reviews\"}")
                .post("/api/v1/agents/python-expert/reputation/adjustments")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/agents/python-expert/reputation"))
                .body("score", lessThan(3.0f));

        tokens.asOperator()
                .get("/api/v1/agents/python-expert/reputation/history")
                .then()
                .statusCode(200)
                .body("items[1].type", equalTo("OPERATOR_ADJUSTMENT"))
                .body("items[1].delta", equalTo("-0.5"))
                .body("items[1].reason", equalTo("confirmed spam reviews"))
                .body("items[1].operator", equalTo("ops"))
                .body("items[1].rating", nullValue());
        ReputationEvent.OperatorAdjustment adjustment =
                (ReputationEvent.OperatorAdjustment) history().getFirst();
        assertThat(adjustment.delta()).isEqualTo(new BigDecimal("-0.5"));
    }

    @Test
    void aDeltaMayBeAJsonNumberAndIsReadExactly() {
        tokens.asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"delta\": 0.25, \"reason\": \"manual review passed\"}")
                .post("/api/v1/agents/python-expert/reputation/adjustments")
                .then()
                .statusCode(201);

        ReputationEvent.OperatorAdjustment adjustment =
                (ReputationEvent.OperatorAdjustment) history().getFirst();
        assertThat(adjustment.delta()).isEqualTo(new BigDecimal("0.25"));
        assertThat(adjustment.operator()).isEqualTo("root");
    }

    @Test
    void malformedAdjustmentIsABadRequestNamingTheField() {
        record Case(String body, String field) {}
        List<Case> cases = List.of(
                new Case("{\"delta\": 0, \"reason\": \"x\"}", "delta"),
                new Case("{\"delta\": 0.125, \"reason\": \"x\"}", "delta"),
                new Case("{\"delta\": \"6\", \"reason\": \"x\"}", "delta"),
                new Case("{\"delta\": \"lots\", \"reason\": \"x\"}", "delta"),
                new Case("{\"delta\": 1, \"reason\": \"   \"}", "reason"),
                new Case("{\"delta\": 1}", "reason"),
                new Case("{\"delta\": 1, \"reason\": \"spam\\u202Eevil\"}", "reason"),
                new Case("{\"delta\": 1, \"reason\": \"nul\\u0000\"}", "reason"));
        for (Case bad : cases) {
            tokens.asOperator()
                    .contentType(ContentType.JSON)
                    .body(bad.body())
                    .post("/api/v1/agents/python-expert/reputation/adjustments")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_VALUE"))
                    .body("errors[0].field", equalTo(bad.field()));
        }

        assertThat(history()).isEmpty();
    }

    @Test
    void adjustmentsAreForOperatorsOnly() {
        String body = "{\"delta\": 2, \"reason\": \"I am great\"}";
        tokens.asAgent("python-expert")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/agents/python-expert/reputation/adjustments")
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"))
                .body("detail", equalTo("this operation needs the 'operator' role"));
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/agents/python-expert/reputation/adjustments")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer");

        assertThat(history()).isEmpty();
    }

    @Test
    void adjustingAnUnknownAgentIsNotFound() {
        tokens.asOperator()
                .contentType(ContentType.JSON)
                .body("{\"delta\": 1, \"reason\": \"x\"}")
                .post("/api/v1/agents/ghost/reputation/adjustments")
                .then()
                .statusCode(404)
                .body("code", equalTo("AGENT_NOT_FOUND"));
    }

    @Test
    void aRetriedAdjustmentAppliesOnceAndAKeyReusedWithAnotherBodyConflicts() {
        String key = key();
        String body = "{\"delta\": 1, \"reason\": \"verified identity\"}";
        String first = tokens.asOperator()
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/agents/python-expert/reputation/adjustments")
                .then()
                .statusCode(201)
                .extract()
                .asString();

        tokens.asOperator()
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/agents/python-expert/reputation/adjustments")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body(equalTo(first));
        tokens.asOperator()
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body("{\"delta\": 2, \"reason\": \"verified identity\"}")
                .post("/api/v1/agents/python-expert/reputation/adjustments")
                .then()
                .statusCode(409)
                .body("code", equalTo("IDEMPOTENCY_MISMATCH"));

        assertThat(history()).hasSize(1);
    }

    @Test
    void theHistoryIsTheAgentsOwnOrAnOperatorsToRead() {
        reputation.adjust(PROVIDER, BigDecimal.ONE, "welcome bonus", "ops");

        tokens.asAgent("stranger")
                .get("/api/v1/agents/python-expert/reputation/history")
                .then()
                .statusCode(403)
                .body("code", equalTo("ACTING_AS_ANOTHER_AGENT"));
        given().auth()
                .oauth2(tokens.noRoles())
                .get("/api/v1/agents/python-expert/reputation/history")
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"));
        given().get("/api/v1/agents/python-expert/reputation/history")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void theHistoryIsPagedOldestFirst() {
        reputation.adjust(PROVIDER, BigDecimal.ONE, "first", "ops");
        reputation.adjust(PROVIDER, BigDecimal.ONE, "second", "ops");
        reputation.adjust(PROVIDER, BigDecimal.ONE, "third", "ops");

        // The settled hire of the set-up comes first.
        String cursor = tokens.asAgent("python-expert")
                .queryParam("limit", 3)
                .get("/api/v1/agents/python-expert/reputation/history")
                .then()
                .statusCode(200)
                .body("items.type", contains("TASK_OUTCOME", "OPERATOR_ADJUSTMENT", "OPERATOR_ADJUSTMENT"))
                .body("items[1].reason", equalTo("first"))
                .body("items[2].reason", equalTo("second"))
                .body("nextCursor", equalTo("3"))
                .extract()
                .path("nextCursor");
        tokens.asAgent("python-expert")
                .queryParam("limit", 3)
                .queryParam("after", cursor)
                .get("/api/v1/agents/python-expert/reputation/history")
                .then()
                .statusCode(200)
                .body("items.reason", contains("third"))
                .body("nextCursor", nullValue());
    }

    @Test
    void malformedHistoryCursorOrLimitIsABadRequest() {
        tokens.asOperator()
                .queryParam("after", "-1")
                .get("/api/v1/agents/python-expert/reputation/history")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("after"));
        tokens.asOperator()
                .queryParam("limit", "500")
                .get("/api/v1/agents/python-expert/reputation/history")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }
}
