package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transactions API over HTTP: hire, read, list, settle, cancel and export, with who may do
 * each. {@link TransactionApiOnPostgresIT} runs the same on PostgreSQL.
 */
@QuarkusTest
class TransactionApiIT {
    private static final String PATH = "/api/v1/transactions";
    private static final String PAYER = "orchestrator";
    private static final String PROVIDER = "python-expert";
    private static final String STRANGER = "bystander";
    private static final String UNKNOWN_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    Ledger ledger;

    @Inject
    TransactionQueries queries;

    @Inject
    ObjectMapper json;

    @TestHTTPResource(PATH)
    URI transactions;

    private final AtomicInteger keys = new AtomicInteger();

    @BeforeEach
    void registerAgents() {
        registry.clear();
        registry.register(PAYER, "Orchestrator", Availability.ONLINE, "planning");
        registry.register(PROVIDER, "Python Expert", Availability.ONLINE, "python", "code review");
        registry.register(STRANGER, "Bystander", Availability.ONLINE, "planning");
    }

    @AfterEach
    void leaveNothingBehind() {
        registry.clear();
    }

    // --- hire ------------------------------------------------------------------------------------

    @Test
    void hireCreatesAPendingTransactionHeldInEscrow() {
        String key = nextKey();
        Response created = tokens.asAgent(PAYER)
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(hireBody(PROVIDER, "Python", "1.5", "refactor billing, \"fast\""))
                .post(PATH);

        created.then()
                .statusCode(201)
                .contentType("application/json")
                .body("payer", equalTo(PAYER))
                .body("provider", equalTo(PROVIDER))
                .body("capability", equalTo("python"))
                .body("amount.amount", equalTo("1.500000"))
                .body("amount.currency", equalTo("USDC"))
                .body("context", equalTo("refactor billing, \"fast\""))
                .body("state", equalTo("PENDING"))
                .body("settledAt", nullValue())
                .body("timeline", hasSize(1))
                .body("timeline[0].from", nullValue())
                .body("timeline[0].to", equalTo("PENDING"))
                .body("timeline[0].actor.kind", equalTo("AGENT"))
                .body("timeline[0].actor.id", equalTo(PAYER));
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith(PATH + "/" + id);
        Transaction stored = queries.get(TransactionId.of(id)).transaction();
        assertThat(stored.payer()).isEqualTo(AgentId.of(PAYER));
        assertThat(stored.idempotencyKey()).isEqualTo(IdempotencyKey.of(key));
    }

    @Test
    void hireMayNameThePayerWhenItIsTheCallerItself() {
        tokens.asAgent(PAYER)
                .header("Idempotency-Key", nextKey())
                .contentType("application/json")
                .body(Map.of(
                        "payer",
                        PAYER,
                        "provider",
                        PROVIDER,
                        "capability",
                        "python",
                        "amount",
                        Map.of("amount", "1.50", "currency", "USDC")))
                .post(PATH)
                .then()
                .statusCode(201)
                .body("payer", equalTo(PAYER))
                .body("context", equalTo(""));
    }

    @Test
    void hireNamingAnotherPayerIsRefusedAndCreatesNothing() {
        tokens.asAgent(STRANGER)
                .header("Idempotency-Key", nextKey())
                .contentType("application/json")
                .body(Map.of(
                        "payer",
                        PAYER,
                        "provider",
                        PROVIDER,
                        "capability",
                        "python",
                        "amount",
                        Map.of("amount", "1.50", "currency", "USDC")))
                .post(PATH)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("ACTING_AS_ANOTHER_AGENT"))
                .body("detail", equalTo("agent 'bystander' cannot act as agent 'orchestrator'"));

        assertThat(allTransactions()).isEmpty();
    }

    @Test
    void hireNeedsAnIdempotencyKey() {
        tokens.asAgent(PAYER)
                .contentType("application/json")
                .body(hireBody(PROVIDER, "python", "1.50", "task"))
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertThat(allTransactions()).isEmpty();
    }

    @Test
    void malformedIdempotencyKeyIsABadRequest() {
        tokens.asAgent(PAYER)
                .header("Idempotency-Key", "short")
                .contentType("application/json")
                .body(hireBody(PROVIDER, "python", "1.50", "task"))
                .post(PATH)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("idempotencyKey"));
    }

    @Test
    void hireWithMissingFieldsNamesEachOne() {
        tokens.asAgent(PAYER)
                .header("Idempotency-Key", nextKey())
                .contentType("application/json")
                .body(Map.of("capability", "python", "amount", Map.of("currency", "USDC")))
                .post(PATH)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors.field", contains("amount", "provider"));
        assertThat(allTransactions()).isEmpty();
    }

    @Test
    void hireWithAMalformedAmountOrUnknownFieldIsABadRequest() {
        tokens.asAgent(PAYER)
                .header("Idempotency-Key", nextKey())
                .contentType("application/json")
                .body(hireBody(PROVIDER, "python", "1.5x", "task"))
                .post(PATH)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("amount"))
                .body("detail", equalTo("amount: '1.5x' is not a decimal number"));
        tokens.asAgent(PAYER)
                .header("Idempotency-Key", nextKey())
                .contentType("application/json")
                .body(hireBody(PROVIDER, "python", "1.0000001", "task"))
                .post(PATH)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("amount"));
        tokens.asAgent(PAYER)
                .header("Idempotency-Key", nextKey())
                .contentType("application/json")
                .body("{\"provider\":\"python-expert\",\"capability\":\"python\",\"amount\":{\"amount\":\"1.50\","
                        + "\"currency\":\"USDC\"},\"tip\":1}")
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("tip"))
                .body("errors[0].message", equalTo("unknown field"));
        tokens.asAgent(PAYER)
                .header("Idempotency-Key", nextKey())
                .contentType("application/json")
                .body("{\"provider\":\"python-expert\",\"capability\":\"python\",\"amount\":{\"amount\":[1],"
                        + "\"currency\":\"USDC\"}}")
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("amount.amount"));
        assertThat(allTransactions()).isEmpty();
    }

    @Test
    void hireWithoutATokenIsUnauthenticated() {
        given().header("Idempotency-Key", nextKey())
                .contentType("application/json")
                .body(hireBody(PROVIDER, "python", "1.50", "task"))
                .post(PATH)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"))
                .body("status", equalTo(401));
        assertThat(allTransactions()).isEmpty();
    }

    @Test
    void onlyAgentsHire() {
        for (RequestSpecification notAnAgent :
                List.of(tokens.asOperator(), given().auth().oauth2(tokens.noRoles()))) {
            notAnAgent
                    .header("Idempotency-Key", nextKey())
                    .contentType("application/json")
                    .body(hireBody(PROVIDER, "python", "1.50", "task"))
                    .post(PATH)
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("ROLE_REQUIRED"));
        }
        assertThat(allTransactions()).isEmpty();
    }

    @Test
    void hiringAnUnknownProviderIsNotFound() {
        tokens.asAgent(PAYER)
                .header("Idempotency-Key", nextKey())
                .contentType("application/json")
                .body(hireBody("ghost", "python", "1.50", "task"))
                .post(PATH)
                .then()
                .statusCode(404)
                .body("code", equalTo("AGENT_NOT_FOUND"))
                .body("detail", equalTo("provider 'ghost' is not a registered agent"));
    }

    @Test
    void hiresTheRulesRefuseAreUnprocessable() {
        Map<String, Map<String, Object>> refused = Map.of(
                "BELOW_LISTED_PRICE", hireBody(PROVIDER, "python", "1.49", "task"),
                "CAPABILITY_NOT_OFFERED", hireBody(PROVIDER, "translation", "1.50", "task"),
                "SELF_HIRE", hireBody(PAYER, "planning", "1.50", "task"),
                "CURRENCY_MISMATCH", hireBody(PROVIDER, "python", "1.50", "EUR", "task"));
        refused.forEach((code, body) -> tokens.asAgent(PAYER)
                .header("Idempotency-Key", nextKey())
                .contentType("application/json")
                .body(body)
                .post(PATH)
                .then()
                .statusCode(422)
                .body("code", equalTo(code)));
        assertThat(allTransactions()).isEmpty();
    }

    @Test
    void hireBeyondTheProvidersCapacityIsAConflict() {
        registry.register("tiny", "Tiny", Availability.ONLINE, RegistryFixture.PRICE, 1, Map.of(), "python");
        hireOver("tiny", PAYER).then().statusCode(201);

        hireOver("tiny", STRANGER)
                .then()
                .statusCode(409)
                .body("code", equalTo("CAPACITY_EXCEEDED"))
                .body("detail", containsString("its capacity is 1"));
        assertThat(allTransactions()).hasSize(1);
    }

    @Test
    void retryWithTheSameKeyAndBodyReplaysTheFirstAnswer() {
        String key = nextKey();
        Response first = hire(PAYER, key, hireBody(PROVIDER, "python", "1.50", "task"));
        Response retry = hire(PAYER, key, hireBody(PROVIDER, "python", "1.50", "task"));

        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        retry.then()
                .statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .header("Location", equalTo(first.header("Location")));
        assertThat(retry.asString()).isEqualTo(first.asString());
        assertThat(allTransactions()).hasSize(1);
    }

    @Test
    void sameKeyWithAnotherBodyIsAnIdempotencyMismatch() {
        String key = nextKey();
        hire(PAYER, key, hireBody(PROVIDER, "python", "1.50", "task")).then().statusCode(201);

        hire(PAYER, key, hireBody(PROVIDER, "python", "2.00", "task"))
                .then()
                .statusCode(409)
                .body("code", equalTo("IDEMPOTENCY_MISMATCH"));
        assertThat(allTransactions())
                .singleElement()
                .extracting(tx -> tx.amount().amount().toPlainString())
                .isEqualTo("1.500000");
    }

    @Test
    void hireTheLedgerAlreadyHoldsUnderTheKeyIsReturnedWith200() {
        String key = nextKey();
        // As the x402 flow would: the ledger has the hire, the API's replay store has never seen the key.
        Transaction earlier = ledger.hire(new HireRequest(
                        AgentId.of(PAYER),
                        AgentId.of(PROVIDER),
                        Capability.of("python"),
                        Money.of("1.50", "USDC"),
                        "task",
                        IdempotencyKey.of(key)))
                .transaction();

        hire(PAYER, key, hireBody(PROVIDER, "python", "1.50", "task"))
                .then()
                .statusCode(200)
                .header("Content-Location", endsWith(PATH + "/" + earlier.id()))
                .body("id", equalTo(earlier.id().value()))
                .body("state", equalTo("PENDING"));
        assertThat(allTransactions()).hasSize(1);
    }

    // --- read one --------------------------------------------------------------------------------

    @Test
    void payerProviderAndOperatorReadTheTransactionWithItsJournal() {
        String id = hireOk(PAYER);

        for (RequestSpecification party :
                List.of(tokens.asAgent(PAYER), tokens.asAgent(PROVIDER), tokens.asOperator(), tokens.asAdmin())) {
            party.get(PATH + "/" + id)
                    .then()
                    .statusCode(200)
                    .body("transaction.id", equalTo(id))
                    .body("transaction.state", equalTo("PENDING"))
                    .body("transaction.timeline.to", contains("PENDING"))
                    .body("journal", hasSize(1))
                    .body("journal[0].kind", equalTo("HOLD"))
                    .body("journal[0].hash", not(empty()))
                    .body("journal[0].postings.account", contains("agent:orchestrator", "escrow"))
                    .body("journal[0].postings.amount.amount", contains("-1.500000", "1.500000"))
                    .body("journal[0].postings.amount.currency", contains("USDC", "USDC"));
        }
    }

    @Test
    void anotherAgentCannotReadTheTransaction() {
        String id = hireOk(PAYER);

        tokens.asAgent(STRANGER)
                .get(PATH + "/" + id)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("ACTING_AS_ANOTHER_AGENT"));
        given().auth()
                .oauth2(tokens.noRoles())
                .get(PATH + "/" + id)
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"));
        given().get(PATH + "/" + id)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void unknownOrMalformedTransactionIds() {
        tokens.asOperator()
                .get(PATH + "/" + UNKNOWN_ID)
                .then()
                .statusCode(404)
                .body("code", equalTo("TRANSACTION_NOT_FOUND"))
                .body("detail", equalTo("no transaction has id '" + UNKNOWN_ID + "'"));
        tokens.asOperator()
                .get(PATH + "/not-a-uuid")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("transactionId"));
    }

    // --- settle ----------------------------------------------------------------------------------

    @Test
    void payerSettlesWithASettlementReferenceAndEscrowReachesTheProvider() {
        String id = hireOk(PAYER);

        tokens.asAgent(PAYER)
                .contentType("application/json")
                .body(Map.of("settlementReference", "0xfacilitator-hash"))
                .post(PATH + "/" + id + "/settlement")
                .then()
                .statusCode(200)
                .body("state", equalTo("SETTLED"))
                .body("settlementReference", equalTo("0xfacilitator-hash"))
                .body("settledAt", not(empty()))
                .body("timeline.to", contains("PENDING", "SETTLED"))
                .body("timeline[1].actor.id", equalTo(PAYER));
        tokens.asAgent(PROVIDER)
                .get(PATH + "/" + id)
                .then()
                .body("journal.kind", contains("HOLD", "SETTLE"))
                .body("journal[1].postings.account", hasItem("agent:python-expert"));
    }

    @Test
    void settlementWithoutABodyAndByAnOperator() {
        String byPayer = hireOk(PAYER);
        String byOperator = hireOk(PAYER);

        tokens.asAgent(PAYER)
                .contentType("application/json")
                .post(PATH + "/" + byPayer + "/settlement")
                .then()
                .statusCode(200)
                .body("state", equalTo("SETTLED"))
                .body("settlementReference", nullValue());
        tokens.asOperator()
                .contentType("application/json")
                .post(PATH + "/" + byOperator + "/settlement")
                .then()
                .statusCode(200)
                .body("state", equalTo("SETTLED"))
                .body("timeline[1].actor.kind", equalTo("OPERATOR"))
                .body("timeline[1].actor.id", equalTo("ops"));
    }

    @Test
    void settlementWithNeitherBodyNorContentTypeAsCurlSendsIt() throws Exception {
        String id = hireOk(PAYER);

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(transactions + "/" + id + "/settlement"))
                                .header("Authorization", "Bearer " + tokens.agent(PAYER))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("state").asText()).isEqualTo("SETTLED");
    }

    @Test
    void settlingTwiceIsAnIllegalTransition() {
        String id = hireOk(PAYER);
        settleWithoutBody(tokens.asAgent(PAYER), id).then().statusCode(200);

        tokens.asAgent(PAYER)
                .contentType("application/json")
                .post(PATH + "/" + id + "/settlement")
                .then()
                .statusCode(409)
                .body("code", equalTo("ILLEGAL_TRANSITION"));
        tokens.asAgent(PAYER)
                .post(PATH + "/" + id + "/cancellation")
                .then()
                .statusCode(409)
                .body("code", equalTo("ILLEGAL_TRANSITION"));
        assertThat(stateOf(id)).isEqualTo(TransactionState.SETTLED);
    }

    @Test
    void onlyThePayerSideSettles() {
        String id = hireOk(PAYER);

        tokens.asAgent(STRANGER)
                .contentType("application/json")
                .post(PATH + "/" + id + "/settlement")
                .then()
                .statusCode(403)
                .body("code", equalTo("ACTING_AS_ANOTHER_AGENT"));
        tokens.asAgent(PROVIDER)
                .contentType("application/json")
                .post(PATH + "/" + id + "/settlement")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_A_PARTY"));
        given().auth()
                .oauth2(tokens.noRoles())
                .contentType("application/json")
                .post(PATH + "/" + id + "/settlement")
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"));
        given().contentType("application/json")
                .post(PATH + "/" + id + "/settlement")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED"));

        assertThat(stateOf(id)).isEqualTo(TransactionState.PENDING);
        assertThat(queries.get(TransactionId.of(id)).entries()).hasSize(1);
    }

    @Test
    void settlementOfAnUnknownTransactionOrWithABadReference() {
        tokens.asAgent(PAYER)
                .contentType("application/json")
                .post(PATH + "/" + UNKNOWN_ID + "/settlement")
                .then()
                .statusCode(404)
                .body("code", equalTo("TRANSACTION_NOT_FOUND"));
        String id = hireOk(PAYER);
        tokens.asAgent(PAYER)
                .contentType("application/json")
                .body(Map.of("settlementReference", "x".repeat(257)))
                .post(PATH + "/" + id + "/settlement")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("settlementReference"));
        assertThat(stateOf(id)).isEqualTo(TransactionState.PENDING);
    }

    @Test
    void settlementRetriedWithItsKeyIsReplayed() {
        String id = hireOk(PAYER);
        String key = nextKey();
        Response first = settle(id, key, "0xabc");
        Response retry = settle(id, key, "0xabc");

        first.then().statusCode(200).body("state", equalTo("SETTLED"));
        retry.then().statusCode(200).header("Idempotent-Replayed", equalTo("true"));
        assertThat(retry.asString()).isEqualTo(first.asString());
        settle(id, key, "0xdef").then().statusCode(409).body("code", equalTo("IDEMPOTENCY_MISMATCH"));
        assertThat(queries.get(TransactionId.of(id)).transaction().settlementReference())
                .contains("0xabc");
    }

    // --- cancel ----------------------------------------------------------------------------------

    @Test
    void payerCancelsAndTheHoldIsVoided() {
        String id = hireOk(PAYER);

        tokens.asAgent(PAYER)
                .post(PATH + "/" + id + "/cancellation")
                .then()
                .statusCode(200)
                .body("state", equalTo("CANCELLED"))
                .body("timeline.to", contains("PENDING", "CANCELLED"));
        tokens.asAgent(PAYER)
                .get(PATH + "/" + id)
                .then()
                .body("journal.kind", contains("HOLD", "VOID"))
                .body("journal[1].postings.amount.amount", contains("1.500000", "-1.500000"));
        tokens.asAgent(PAYER)
                .post(PATH + "/" + id + "/cancellation")
                .then()
                .statusCode(409)
                .body("code", equalTo("ILLEGAL_TRANSITION"));
    }

    @Test
    void onlyThePayerSideCancels() {
        String id = hireOk(PAYER);

        tokens.asAgent(STRANGER)
                .post(PATH + "/" + id + "/cancellation")
                .then()
                .statusCode(403)
                .body("code", equalTo("ACTING_AS_ANOTHER_AGENT"));
        tokens.asAgent(PROVIDER)
                .post(PATH + "/" + id + "/cancellation")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_A_PARTY"));
        given().auth()
                .oauth2(tokens.noRoles())
                .post(PATH + "/" + id + "/cancellation")
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"));
        given().post(PATH + "/" + id + "/cancellation")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"));
        assertThat(stateOf(id)).isEqualTo(TransactionState.PENDING);

        tokens.asOperator()
                .post(PATH + "/" + id + "/cancellation")
                .then()
                .statusCode(200)
                .body("state", equalTo("CANCELLED"))
                .body("timeline[1].actor.kind", equalTo("OPERATOR"));
    }

    @Test
    void cancellationOfAnUnknownTransactionIsNotFound() {
        tokens.asAgent(PAYER)
                .post(PATH + "/" + UNKNOWN_ID + "/cancellation")
                .then()
                .statusCode(404)
                .body("code", equalTo("TRANSACTION_NOT_FOUND"));
        tokens.asAgent(PAYER)
                .post(PATH + "/nope/cancellation")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("transactionId"));
    }

    @Test
    void cancellationRetriedWithItsKeyIsReplayed() {
        String id = hireOk(PAYER);
        String key = nextKey();
        Response first = tokens.asAgent(PAYER).header("Idempotency-Key", key).post(PATH + "/" + id + "/cancellation");
        Response retry = tokens.asAgent(PAYER).header("Idempotency-Key", key).post(PATH + "/" + id + "/cancellation");

        first.then().statusCode(200).body("state", equalTo("CANCELLED"));
        retry.then().statusCode(200).header("Idempotent-Replayed", equalTo("true"));
        assertThat(retry.asString()).isEqualTo(first.asString());
        tokens.asAgent(PAYER)
                .header("Idempotency-Key", key)
                .post(PATH + "/" + hireOk(PAYER) + "/cancellation")
                .then()
                .statusCode(409)
                .body("code", equalTo("IDEMPOTENCY_MISMATCH"));
        assertThat(allTransactions())
                .extracting(Transaction::state)
                .containsExactlyInAnyOrder(TransactionState.CANCELLED, TransactionState.PENDING);
    }

    // --- list ------------------------------------------------------------------------------------

    @Test
    void agentListsOnlyItsOwnTransactions() {
        String mine = hireOk(PAYER);
        String theirs = hireOk(STRANGER);

        tokens.asAgent(PAYER).get(PATH).then().statusCode(200).body("items.id", contains(mine));
        tokens.asAgent(STRANGER).get(PATH).then().body("items.id", contains(theirs));
        tokens.asAgent(PROVIDER).get(PATH).then().body("items.id", contains(mine, theirs));
        tokens.asAgent(PROVIDER)
                .queryParam("role", "payer")
                .get(PATH)
                .then()
                .body("items", empty())
                .body("nextCursor", nullValue());
    }

    @Test
    void agentNamingAnotherAgentInTheListIsRefused() {
        hireOk(STRANGER);

        tokens.asAgent(PAYER)
                .queryParam("agent", STRANGER)
                .get(PATH)
                .then()
                .statusCode(403)
                .body("code", equalTo("ACTING_AS_ANOTHER_AGENT"));
        given().auth().oauth2(tokens.noRoles()).get(PATH).then().statusCode(403).body("code", equalTo("ROLE_REQUIRED"));
        given().get(PATH)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void operatorListsEveryTransactionOrOneAgents() {
        String mine = hireOk(PAYER);
        String theirs = hireOk(STRANGER);

        tokens.asOperator().get(PATH).then().statusCode(200).body("items.id", contains(mine, theirs));
        tokens.asOperator()
                .queryParam("agent", STRANGER)
                .queryParam("role", "payer")
                .get(PATH)
                .then()
                .body("items.id", contains(theirs));
    }

    @Test
    void listFiltersByStateCapabilityAndTime() {
        registry.register(
                "reviewer", "Reviewer", Availability.ONLINE, RegistryFixture.PRICE, 10, Map.of(), "code review");
        String settled = hireOk(PAYER);
        settleWithoutBody(tokens.asAgent(PAYER), settled).then().statusCode(200);
        String pending = hireOk(PAYER);
        String review = hire(PAYER, nextKey(), hireBody("reviewer", "Code Review", "1.50", "look"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Instant created = queries.get(TransactionId.of(pending)).transaction().createdAt();

        tokens.asAgent(PAYER).queryParam("state", "settled").get(PATH).then().body("items.id", contains(settled));
        tokens.asAgent(PAYER)
                .queryParam("capability", "code review")
                .get(PATH)
                .then()
                .body("items.id", contains(review));
        tokens.asAgent(PAYER)
                .queryParam("from", created.toString())
                .queryParam("to", created.plusSeconds(3600).toString())
                .get(PATH)
                .then()
                .body("items.id", hasItem(pending))
                .body("items.id", not(hasItem(settled)))
                .body("items.id", hasSize(2));
    }

    @Test
    void listPagesWithACursor() {
        String first = hireOk(PAYER);
        String second = hireOk(PAYER);

        String cursor = tokens.asAgent(PAYER)
                .queryParam("limit", 1)
                .get(PATH)
                .then()
                .statusCode(200)
                .body("items.id", contains(first))
                .body("nextCursor", not(empty()))
                .extract()
                .path("nextCursor");
        tokens.asAgent(PAYER)
                .queryParam("limit", 1)
                .queryParam("cursor", cursor)
                .get(PATH)
                .then()
                .body("items.id", contains(second))
                .body("nextCursor", nullValue());
    }

    @Test
    void malformedListParametersAreBadRequests() {
        Map<String, String> bad = Map.of(
                "state", "DONE",
                "role", "buyer",
                "from", "yesterday",
                "limit", "201",
                "cursor", "not-a-cursor",
                "agent", "no such agent");
        Map<String, String> field = Map.of("agent", "agentId");
        bad.forEach((name, value) -> tokens.asOperator()
                .queryParam(name, value)
                .get(PATH)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo(field.getOrDefault(name, name))));
    }

    // --- export ----------------------------------------------------------------------------------

    @Test
    void ndjsonExportStreamsEveryTransactionAcrossPages() throws IOException {
        List<String> hired = hireMany(450);

        Response export = tokens.asOperator().queryParam("format", "ndjson").get(PATH + "/export");

        export.then()
                .statusCode(200)
                .contentType(startsWith("application/x-ndjson"))
                .header("Content-Disposition", equalTo("attachment; filename=\"transactions.ndjson\""));
        List<String> lines = export.asString().lines().toList();
        assertThat(lines).hasSize(450);
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            JsonNode tx = json.readTree(line);
            ids.add(tx.get("id").asText());
            assertThat(tx.get("amount").get("amount").asText()).isEqualTo("1.500000");
            assertThat(tx.get("state").asText()).isEqualTo("PENDING");
        }
        assertThat(ids).containsExactlyElementsOf(hired);
    }

    @Test
    void csvExportEscapesFieldsAndParsesBack() {
        List<String> hired = hireMany(230);
        String tricky = "line one, with \"quotes\"\r\nline two";
        String trickyId = hire(PAYER, nextKey(), hireBody(PROVIDER, "python", "2", tricky))
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        Response export = tokens.asOperator().queryParam("format", "csv").get(PATH + "/export");

        export.then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"transactions.csv\""));
        List<List<String>> rows = Rfc4180.parse(export.asString());
        assertThat(rows.getFirst())
                .containsExactly(
                        "id",
                        "payer",
                        "provider",
                        "capability",
                        "amount",
                        "currency",
                        "state",
                        "createdAt",
                        "settledAt",
                        "settlementReference",
                        "context");
        List<List<String>> records = rows.subList(1, rows.size());
        assertThat(records).hasSize(231).allSatisfy(row -> assertThat(row).hasSize(11));
        assertThat(records.stream().map(List::getFirst).toList().subList(0, 230))
                .containsExactlyElementsOf(hired);
        assertThat(records.getLast())
                .containsSubsequence(trickyId, PAYER, PROVIDER, "python", "2.000000", "USDC", "PENDING")
                .endsWith(tricky);
    }

    @Test
    void csvExportNeutralizesCellsASpreadsheetWouldRunAsFormulas() {
        String formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
        hire(PAYER, nextKey(), hireBody(PROVIDER, "python", "2", formula))
                .then()
                .statusCode(201);

        String csv = tokens.asOperator()
                .queryParam("format", "csv")
                .get(PATH + "/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"\r\n");
        assertThat(Rfc4180.parse(csv).getLast()).last().isEqualTo("'" + formula);
    }

    @Test
    void hireContextWithABidiOverrideIsRefusedNamingTheCodePoint() {
        hire(PAYER, nextKey(), hireBody(PROVIDER, "python", "2", "task \u202Egnp.exe"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("context"))
                .body("detail", containsString("U+202E"));
    }

    @Test
    void exportKeepsTheListingsVisibility() {
        String mine = hireOk(PAYER);
        hireOk(STRANGER);

        String csv = tokens.asAgent(PAYER)
                .queryParam("format", "csv")
                .get(PATH + "/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(Rfc4180.parse(csv))
                .hasSize(2)
                .last()
                .extracting(List::getFirst)
                .isEqualTo(mine);
        tokens.asAgent(PAYER)
                .queryParam("agent", STRANGER)
                .get(PATH + "/export")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("ACTING_AS_ANOTHER_AGENT"));
        given().auth()
                .oauth2(tokens.noRoles())
                .get(PATH + "/export")
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"));
        given().get(PATH + "/export")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void exportInAnUnknownFormatOrWithABadFilterIsABadRequest() {
        tokens.asOperator()
                .queryParam("format", "xml")
                .get(PATH + "/export")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("format"));
        tokens.asOperator()
                .queryParam("state", "DONE")
                .get(PATH + "/export")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("state"));
    }

    // --- helpers ---------------------------------------------------------------------------------

    private String nextKey() {
        return "test-key-" + Instant.now().toEpochMilli() + "-" + keys.incrementAndGet();
    }

    private static Map<String, Object> hireBody(String provider, String capability, String amount, String context) {
        return hireBody(provider, capability, amount, "USDC", context);
    }

    private static Map<String, Object> hireBody(
            String provider, String capability, String amount, String currency, String context) {
        return Map.of(
                "provider",
                provider,
                "capability",
                capability,
                "amount",
                Map.of("amount", amount, "currency", currency),
                "context",
                context);
    }

    private Response hire(String payer, String key, Map<String, Object> body) {
        return tokens.asAgent(payer)
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .post(PATH);
    }

    private Response hireOver(String provider, String payer) {
        return hire(payer, nextKey(), hireBody(provider, "python", "1.50", "task"));
    }

    private String hireOk(String payer) {
        return hireOver(PROVIDER, payer).then().statusCode(201).extract().path("id");
    }

    /** A settlement without a reference: an empty body, as a JSON client sends it. */
    private static Response settleWithoutBody(RequestSpecification settler, String id) {
        return settler.contentType("application/json").post(PATH + "/" + id + "/settlement");
    }

    private Response settle(String id, String key, String reference) {
        return tokens.asAgent(PAYER)
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(Map.of("settlementReference", reference))
                .post(PATH + "/" + id + "/settlement");
    }

    /** Hires straight through the ledger, which is quicker than HTTP, from a provider with room for them all. */
    private List<String> hireMany(int count) {
        registry.register("bulk", "Bulk", Availability.ONLINE, RegistryFixture.PRICE, 10_000, Map.of(), "python");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(ledger.hire(new HireRequest(
                            AgentId.of(PAYER),
                            AgentId.of("bulk"),
                            Capability.of("python"),
                            RegistryFixture.PRICE,
                            "bulk task " + i,
                            IdempotencyKey.of(nextKey())))
                    .transaction()
                    .id()
                    .value());
        }
        return ids;
    }

    private TransactionState stateOf(String id) {
        return queries.get(TransactionId.of(id)).transaction().state();
    }

    private List<Transaction> allTransactions() {
        List<Transaction> all = new ArrayList<>();
        queries.export(TransactionFilter.ALL, all::add);
        return all;
    }

    /** A strict reader of RFC 4180 records, so the test does not trust the writer's own escaping code. */
    static final class Rfc4180 {
        private Rfc4180() {}

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    i++;
                } else {
                    assertThat(c)
                            .as("bare CR, LF or quote outside a quoted field at %d", i)
                            .isNotIn('\r', '\n', '"');
                    field.append(c);
                }
            }
            assertThat(quoted).as("unterminated quoted field").isFalse();
            assertThat(field.isEmpty() && row.isEmpty())
                    .as("last record ends with CRLF")
                    .isTrue();
            return rows;
        }
    }
}
