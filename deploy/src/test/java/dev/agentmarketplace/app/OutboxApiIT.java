package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.agentmarketplace.core.ledger.TransactionId;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The settlement outbox over the API: listing by state, stale paid hires, and reconciliation by operators. */
@QuarkusTest
class OutboxApiIT {
    private static final String OUTBOX = "/api/v1/settlements/outbox";
    private static final String HASH = "0x" + "ef".repeat(32);

    @Inject
    PaymentsFixture fixture;

    @Inject
    ApiTokens tokens;

    @BeforeEach
    void market() {
        fixture.reset(100);
    }

    @AfterEach
    void leaveNothingBehind() {
        fixture.clear();
    }

    @Test
    void operatorsListTheOutboxByStateAndOthersMayNot() {
        TransactionId unknown = fixture.outcomeUnknown();
        TransactionId pending = fixture.paidHire();

        tokens.asOperator()
                .get(OUTBOX)
                .then()
                .statusCode(200)
                .body("items.transactionId", equalTo(java.util.List.of(unknown.value())))
                .body("items[0].state", equalTo("OUTCOME_UNKNOWN"))
                .body("items[0].nextAttemptAt", equalTo(null));
        tokens.asOperator()
                .queryParam("state", "pending")
                .get(OUTBOX)
                .then()
                .statusCode(200)
                .body("items.transactionId", hasItem(pending.value()))
                .body("items.transactionId", not(hasItem(unknown.value())));
        tokens.asOperator()
                .queryParam("state", "LOST")
                .get(OUTBOX)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_VALUE"));
        tokens.asAgent(PaymentsFixture.PAYER).get(OUTBOX).then().statusCode(403).body("code", equalTo("ROLE_REQUIRED"));
        given().get(OUTBOX).then().statusCode(401);
    }

    @Test
    void stalePaidHiresAreListedOldestFirst() {
        TransactionId stale = fixture.paidHire();
        fixture.age(stale, Duration.ofHours(3));
        fixture.paidHire();

        tokens.asOperator()
                .get(OUTBOX + "/stale")
                .then()
                .statusCode(200)
                .body("items.transactionId", equalTo(java.util.List.of(stale.value())));
    }

    @Test
    void operatorRecordsTheChainTransactionOrCancels() {
        TransactionId settled = fixture.outcomeUnknown();
        TransactionId cancelled = fixture.outcomeUnknown();

        tokens.asOperator()
                .contentType("application/json")
                .body(Map.of("chainTransaction", HASH))
                .post(OUTBOX + "/" + settled + "/settlement")
                .then()
                .statusCode(200)
                .body("state", equalTo("SETTLED"))
                .body("facilitatorTransaction", equalTo(HASH));
        tokens.asOperator()
                .get("/api/v1/transactions/" + settled)
                .then()
                .statusCode(200)
                .body("transaction.state", equalTo("SETTLED"));
        tokens.asOperator()
                .post(OUTBOX + "/" + cancelled + "/cancellation")
                .then()
                .statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("failureReason", equalTo("cancelled_by_operator"));
        tokens.asOperator()
                .get("/api/v1/transactions/" + cancelled)
                .then()
                .statusCode(200)
                .body("transaction.state", equalTo("CANCELLED"));
        tokens.asOperator()
                .post(OUTBOX + "/" + settled + "/cancellation")
                .then()
                .statusCode(409)
                .body("code", equalTo("ILLEGAL_TRANSITION"));
    }

    @Test
    void badHashPendingPaymentsAndNonOperatorsAreRefused() {
        TransactionId unknown = fixture.outcomeUnknown();
        TransactionId pending = fixture.paidHire();

        tokens.asOperator()
                .contentType("application/json")
                .body(Map.of("chainTransaction", "0xabc"))
                .post(OUTBOX + "/" + unknown + "/settlement")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("chainTransaction"));
        tokens.asOperator()
                .post(OUTBOX + "/" + pending + "/cancellation")
                .then()
                .statusCode(409)
                .body("code", equalTo("PAYMENT_IN_PROGRESS"));
        tokens.asAgent(PaymentsFixture.PAYER)
                .post(OUTBOX + "/" + unknown + "/cancellation")
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"));
        tokens.asOperator().post(OUTBOX + "/not-a-uuid/cancellation").then().statusCode(400);
        tokens.asOperator()
                .get("/api/v1/transactions/" + unknown + "/payment")
                .then()
                .statusCode(200)
                .body("state", equalTo("OUTCOME_UNKNOWN"));
    }
}
