package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.dispute.DisputeFilter;
import dev.agentmarketplace.core.dispute.DisputeId;
import dev.agentmarketplace.core.dispute.DisputeStatus;
import dev.agentmarketplace.core.dispute.EvidenceItem;
import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.reputation.ReputationService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The disputes API: parties open disputes and add evidence as their own agent, parties and
 * operators read them, operators resolve them. {@link DisputeApiOnPostgresIT} runs the same on
 * PostgreSQL.
 */
@QuarkusTest
class DisputeApiIT {
    private static final String DISPUTES = "/api/v1/disputes";
    private static final String PAYER = "orchestrator";
    private static final String PROVIDER = "python-expert";
    private static final AgentId PAYER_ID = AgentId.of(PAYER);
    private static final AgentId PROVIDER_ID = AgentId.of(PROVIDER);
    private static final String STRANGER = "stranger";
    private static final String OTHER_PAYER = "translator";
    private static final String CHECKSUM = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    Ledger ledger;

    @Inject
    TransactionQueries queries;

    @Inject
    DisputeDesk desk;

    @Inject
    ReputationService reputation;

    @Inject
    DataSource dataSource;

    private int hires;

    @BeforeEach
    void registerAgents() {
        registry.clear();
        registry.register(PAYER, "Orchestrator", Availability.ONLINE, "planning");
        registry.register(PROVIDER, "Python Expert", Availability.ONLINE, "python");
        registry.register(STRANGER, "Stranger", Availability.ONLINE, "python");
        registry.register(OTHER_PAYER, "Translator", Availability.ONLINE, "translation");
    }

    @AfterEach
    void leaveNothingBehind() {
        registry.clear();
    }

    // Opening

    @Test
    void payerOpensADisputeOverASettledTransactionWithEvidence() {
        Transaction settled = settled(PAYER, PROVIDER);

        String location = tokens.asAgent(PAYER)
                .contentType(ContentType.JSON)
                .body(openBody(settled, "the parser does not run", "TEXT", "it fails on every input"))
                .post(DISPUTES)
                .then()
                .statusCode(201)
                .contentType("application/json")
                .body("transactionId", equalTo(settled.id().value()))
                .body("payer", equalTo(PAYER))
                .body("provider", equalTo(PROVIDER))
                .body("openedBy", equalTo(PAYER))
                .body("reason", equalTo("the parser does not run"))
                .body("evidence", hasSize(1))
                .body("evidence[0].kind", equalTo("TEXT"))
                .body("evidence[0].value", equalTo("it fails on every input"))
                .body("evidence[0].submittedBy", equalTo(PAYER))
                .body("status", equalTo("OPEN"))
                .body("resolution", nullValue())
                .extract()
                .header("Location");

        Dispute stored = desk.ofTransaction(settled.id()).orElseThrow();
        assertThat(location).endsWith(DISPUTES + "/" + stored.id().value());
        assertThat(Duration.between(stored.openedAt(), stored.deadline())).isEqualTo(Duration.ofHours(72));
        assertThat(stateOf(settled)).isEqualTo(TransactionState.DISPUTED);
        tokens.asAgent(PAYER)
                .get(location)
                .then()
                .statusCode(200)
                .body("id", equalTo(stored.id().value()));
    }

    @Test
    void providerOpensADisputeOverAPendingTransactionWithoutEvidence() {
        Transaction pending = hire(PAYER, PROVIDER);

        tokens.asAgent(PROVIDER)
                .contentType(ContentType.JSON)
                .body("{\"transactionId\":\"%s\",\"reason\":\"  payer vanished  \"}".formatted(pending.id()))
                .post(DISPUTES)
                .then()
                .statusCode(201)
                .body("openedBy", equalTo(PROVIDER))
                .body("reason", equalTo("payer vanished"))
                .body("evidence", hasSize(0));

        assertThat(stateOf(pending)).isEqualTo(TransactionState.DISPUTED);
    }

    @Test
    void strangerCannotOpenADisputeOverSomeoneElsesTransaction() {
        Transaction settled = settled(PAYER, PROVIDER);

        assertProblem(
                tokens.asAgent(STRANGER)
                        .contentType(ContentType.JSON)
                        .body(openBody(settled, "not mine", "TEXT", "x"))
                        .post(DISPUTES)
                        .then(),
                403,
                "NOT_A_PARTY");

        assertThat(stateOf(settled)).isEqualTo(TransactionState.SETTLED);
        assertThat(desk.ofTransaction(settled.id())).isEmpty();
    }

    @Test
    void anAgentCannotNameAnotherAgentAsTheOpener() {
        Transaction settled = settled(PAYER, PROVIDER);

        assertProblem(
                        tokens.asAgent(STRANGER)
                                .contentType(ContentType.JSON)
                                .body("{\"transactionId\":\"%s\",\"reason\":\"r\",\"openedBy\":\"%s\"}"
                                        .formatted(settled.id(), PAYER))
                                .post(DISPUTES)
                                .then(),
                        400,
                        "INVALID_VALUE")
                .body("errors[0].field", equalTo("openedBy"))
                .body("errors[0].message", equalTo("unknown field"));

        assertThat(stateOf(settled)).isEqualTo(TransactionState.SETTLED);
        assertThat(desk.ofTransaction(settled.id())).isEmpty();
    }

    @Test
    void openingNeedsAnAgentToken() {
        Transaction settled = settled(PAYER, PROVIDER);
        String body = openBody(settled, "r", "TEXT", "x");

        assertUnauthenticated(
                given().contentType(ContentType.JSON).body(body).post(DISPUTES).then());
        assertProblem(
                tokens.asOperator()
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post(DISPUTES)
                        .then(),
                403,
                "ROLE_REQUIRED");
        assertProblem(
                given().auth()
                        .oauth2(tokens.noRoles())
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post(DISPUTES)
                        .then(),
                403,
                "ROLE_REQUIRED");

        assertThat(desk.ofTransaction(settled.id())).isEmpty();
    }

    @Test
    void missingFieldsAreABadRequestNamingEachField() {
        assertProblem(
                        tokens.asAgent(PAYER)
                                .contentType(ContentType.JSON)
                                .body("{}")
                                .post(DISPUTES)
                                .then(),
                        400,
                        "INVALID_VALUE")
                .body("errors.field", contains("reason", "transactionId"));
    }

    @Test
    void malformedTransactionIdAndEvidenceAreBadRequests() {
        Transaction settled = settled(PAYER, PROVIDER);

        assertProblem(
                        tokens.asAgent(PAYER)
                                .contentType(ContentType.JSON)
                                .body("{\"transactionId\":\"tx-1\",\"reason\":\"r\"}")
                                .post(DISPUTES)
                                .then(),
                        400,
                        "INVALID_VALUE")
                .body("errors[0].field", equalTo("transactionId"));
        assertProblem(
                        tokens.asAgent(PAYER)
                                .contentType(ContentType.JSON)
                                .body(openBody(settled, "r", "VIDEO", "x"))
                                .post(DISPUTES)
                                .then(),
                        400,
                        "INVALID_VALUE")
                .body("errors[0].field", equalTo("evidence[0].kind"));
        assertProblem(
                        tokens.asAgent(PAYER)
                                .contentType(ContentType.JSON)
                                .body(openBody(settled, "r", "SHA256", "not-a-checksum"))
                                .post(DISPUTES)
                                .then(),
                        400,
                        "INVALID_VALUE")
                .body("errors[0].field", equalTo("evidence.sha256"));
        assertProblem(
                        tokens.asAgent(PAYER)
                                .contentType(ContentType.JSON)
                                .body(openBody(settled, "   ", "TEXT", "x"))
                                .post(DISPUTES)
                                .then(),
                        400,
                        "INVALID_VALUE")
                .body("errors[0].field", equalTo("reason"));

        assertThat(stateOf(settled)).isEqualTo(TransactionState.SETTLED);
    }

    @Test
    void unknownTransactionIsNotFound() {
        assertProblem(
                        tokens.asAgent(PAYER)
                                .contentType(ContentType.JSON)
                                .body("{\"transactionId\":\"%s\",\"reason\":\"r\"}".formatted(UUID.randomUUID()))
                                .post(DISPUTES)
                                .then(),
                        404,
                        "TRANSACTION_NOT_FOUND")
                .body("instance", equalTo(DISPUTES));
    }

    @Test
    void transactionIsDisputedOnceAndNotAfterCancellation() {
        Transaction settled = settled(PAYER, PROVIDER);
        desk.open(settled.id(), PAYER_ID, "first", List.of());
        Transaction cancelled = hire(PAYER, PROVIDER);
        ledger.cancel(cancelled.id(), Actor.agent(PAYER_ID));

        assertProblem(
                tokens.asAgent(PROVIDER)
                        .contentType(ContentType.JSON)
                        .body(openBody(settled, "second", "TEXT", "x"))
                        .post(DISPUTES)
                        .then(),
                409,
                "ILLEGAL_TRANSITION");
        assertProblem(
                tokens.asAgent(PAYER)
                        .contentType(ContentType.JSON)
                        .body(openBody(cancelled, "too late", "TEXT", "x"))
                        .post(DISPUTES)
                        .then(),
                409,
                "ILLEGAL_TRANSITION");

        assertThat(desk.ofTransaction(settled.id()).orElseThrow().reason()).isEqualTo("first");
        assertThat(stateOf(cancelled)).isEqualTo(TransactionState.CANCELLED);
    }

    @Test
    void retriedOpeningWithTheSameKeyReplaysTheFirstResponse() {
        Transaction settled = settled(PAYER, PROVIDER);
        String key = UUID.randomUUID().toString();
        String body = openBody(settled, "undelivered", "URL", "https://evidence.example/run/1");

        String first = tokens.asAgent(PAYER)
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post(DISPUTES)
                .then()
                .statusCode(201)
                .extract()
                .asString();
        String location = desk.ofTransaction(settled.id()).orElseThrow().id().value();

        String replayed = tokens.asAgent(PAYER)
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post(DISPUTES)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", endsWith(DISPUTES + "/" + location))
                .extract()
                .asString();

        assertThat(replayed).isEqualTo(first);
        assertThat(desk.list(DisputeFilter.ALL, Optional.empty(), 10).disputes())
                .hasSize(1);
        assertProblem(
                tokens.asAgent(PAYER)
                        .header("Idempotency-Key", key)
                        .contentType(ContentType.JSON)
                        .body(openBody(settled, "another reason", "URL", "https://evidence.example/run/1"))
                        .post(DISPUTES)
                        .then(),
                409,
                "IDEMPOTENCY_MISMATCH");
        assertThat(desk.ofTransaction(settled.id()).orElseThrow().reason()).isEqualTo("undelivered");
    }

    // Evidence

    @Test
    void eachPartyAddsEvidenceAsItself() {
        Dispute dispute = openOverSettled();

        tokens.asAgent(PROVIDER)
                .contentType(ContentType.JSON)
                .body(evidenceBody("URL", "https://evidence.example/output.txt"))
                .post(evidencePath(dispute))
                .then()
                .statusCode(201)
                .header("Location", endsWith(DISPUTES + "/" + dispute.id().value()))
                .body("evidence", hasSize(2))
                .body("evidence[1].kind", equalTo("URL"))
                .body("evidence[1].value", equalTo("https://evidence.example/output.txt"))
                .body("evidence[1].submittedBy", equalTo(PROVIDER));
        tokens.asAgent(PAYER)
                .contentType(ContentType.JSON)
                .body(evidenceBody("SHA256", CHECKSUM))
                .post(evidencePath(dispute))
                .then()
                .statusCode(201)
                .body("evidence", hasSize(3))
                .body("evidence[2].kind", equalTo("SHA256"))
                .body("evidence[2].value", equalTo(CHECKSUM.toLowerCase()))
                .body("evidence[2].submittedBy", equalTo(PAYER));

        assertThat(desk.get(dispute.id()).hasEvidenceFrom(PROVIDER_ID)).isTrue();
    }

    @Test
    void strangerCannotAddEvidence() {
        Dispute dispute = openOverSettled();

        assertProblem(
                tokens.asAgent(STRANGER)
                        .contentType(ContentType.JSON)
                        .body(evidenceBody("TEXT", "I saw it all"))
                        .post(evidencePath(dispute))
                        .then(),
                403,
                "NOT_A_PARTY");

        assertThat(desk.get(dispute.id()).evidence()).hasSize(1);
    }

    @Test
    void addingEvidenceNeedsAnAgentToken() {
        Dispute dispute = openOverSettled();
        String body = evidenceBody("TEXT", "x");

        assertUnauthenticated(given().contentType(ContentType.JSON)
                .body(body)
                .post(evidencePath(dispute))
                .then());
        assertProblem(
                tokens.asOperator()
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post(evidencePath(dispute))
                        .then(),
                403,
                "ROLE_REQUIRED");

        assertThat(desk.get(dispute.id()).evidence()).hasSize(1);
    }

    @Test
    void invalidEvidenceIsABadRequest() {
        Dispute dispute = openOverSettled();

        assertProblem(
                        tokens.asAgent(PAYER)
                                .contentType(ContentType.JSON)
                                .body("{\"value\":\"x\"}")
                                .post(evidencePath(dispute))
                                .then(),
                        400,
                        "INVALID_VALUE")
                .body("errors[0].field", equalTo("kind"));
        assertProblem(
                        tokens.asAgent(PAYER)
                                .contentType(ContentType.JSON)
                                .body(evidenceBody("URL", "ftp://files.example/x"))
                                .post(evidencePath(dispute))
                                .then(),
                        400,
                        "INVALID_VALUE")
                .body("errors[0].field", equalTo("evidence.url"));
        assertProblem(
                        tokens.asAgent(PAYER)
                                .contentType(ContentType.JSON)
                                .body(evidenceBody("TEXT", "x"))
                                .post(DISPUTES + "/not-a-uuid/evidence")
                                .then(),
                        400,
                        "INVALID_VALUE")
                .body("errors[0].field", equalTo("disputeId"));

        assertThat(desk.get(dispute.id()).evidence()).hasSize(1);
    }

    @Test
    void reasonsEvidenceAndNotesWithBidiOverridesOrControlCharactersAreRefusedNamingTheCodePoint() {
        Transaction pending = hire(PAYER, PROVIDER);
        assertProblem(
                        tokens.asAgent(PAYER)
                                .contentType(ContentType.JSON)
                                .body("{\"transactionId\":\"%s\",\"reason\":\"late \\u202Edelivery\"}"
                                        .formatted(pending.id()))
                                .post(DISPUTES)
                                .then(),
                        400,
                        "INVALID_VALUE")
                .body("errors[0].field", equalTo("reason"))
                .body("detail", containsString("U+202E"));
        assertThat(stateOf(pending)).isEqualTo(TransactionState.PENDING);

        Dispute dispute = openOverSettled();
        assertProblem(
                        tokens.asAgent(PAYER)
                                .contentType(ContentType.JSON)
                                .body(evidenceBody("TEXT", "log\\u0000tail"))
                                .post(evidencePath(dispute))
                                .then(),
                        400,
                        "INVALID_VALUE")
                .body("errors[0].field", equalTo("evidence.text"))
                .body("detail", containsString("U+0000"));
        assertProblem(
                        resolveAsOperator(dispute, resolutionBody("FULL_REFUND", null, "ok\\u2067")),
                        400,
                        "INVALID_VALUE")
                .body("errors[0].field", equalTo("note"))
                .body("detail", containsString("U+2067"));

        assertThat(desk.get(dispute.id()).evidence()).hasSize(1);
        assertThat(desk.get(dispute.id()).status()).isEqualTo(DisputeStatus.OPEN);
    }

    @Test
    void evidenceForAnUnknownDisputeIsNotFound() {
        assertProblem(
                tokens.asAgent(PAYER)
                        .contentType(ContentType.JSON)
                        .body(evidenceBody("TEXT", "x"))
                        .post(DISPUTES + "/" + UUID.randomUUID() + "/evidence")
                        .then(),
                404,
                "DISPUTE_NOT_FOUND");
    }

    @Test
    void evidenceAfterTheDeadlineIsAConflict() throws SQLException {
        Dispute dispute = openOverSettled();
        moveDeadlineIntoThePast(dispute.id());

        assertProblem(
                        tokens.asAgent(PROVIDER)
                                .contentType(ContentType.JSON)
                                .body(evidenceBody("TEXT", "late reply"))
                                .post(evidencePath(dispute))
                                .then(),
                        409,
                        "EVIDENCE_DEADLINE_PASSED")
                .body("title", equalTo("Evidence deadline passed"));

        assertThat(desk.get(dispute.id()).hasEvidenceFrom(PROVIDER_ID)).isFalse();
    }

    @Test
    void evidenceForAResolvedDisputeIsAConflict() {
        Dispute dispute = openOverSettled();
        desk.resolve(dispute.id(), "ops", new DisputeOutcome.ProviderUpheld(), "delivered");

        assertProblem(
                tokens.asAgent(PAYER)
                        .contentType(ContentType.JSON)
                        .body(evidenceBody("TEXT", "one more thing"))
                        .post(evidencePath(dispute))
                        .then(),
                409,
                "ILLEGAL_TRANSITION");

        assertThat(desk.get(dispute.id()).evidence()).hasSize(1);
    }

    @Test
    void retriedEvidenceWithTheSameKeyIsAddedOnce() {
        Dispute dispute = openOverSettled();
        String key = UUID.randomUUID().toString();
        String body = evidenceBody("TEXT", "logs attached");

        String first = tokens.asAgent(PROVIDER)
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post(evidencePath(dispute))
                .then()
                .statusCode(201)
                .extract()
                .asString();
        String replayed = tokens.asAgent(PROVIDER)
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post(evidencePath(dispute))
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .extract()
                .asString();

        assertThat(replayed).isEqualTo(first);
        assertThat(desk.get(dispute.id()).evidence()).hasSize(2);
        assertProblem(
                tokens.asAgent(PROVIDER)
                        .header("Idempotency-Key", key)
                        .contentType(ContentType.JSON)
                        .body(evidenceBody("TEXT", "other logs"))
                        .post(evidencePath(dispute))
                        .then(),
                409,
                "IDEMPOTENCY_MISMATCH");
        assertThat(desk.get(dispute.id()).evidence()).hasSize(2);
    }

    // Reading one

    @Test
    void partiesAndOperatorsReadADispute() {
        Dispute dispute = openOverSettled();

        for (RequestSpecification reader :
                List.of(tokens.asAgent(PAYER), tokens.asAgent(PROVIDER), tokens.asOperator(), tokens.asAdmin())) {
            reader.get(DISPUTES + "/" + dispute.id())
                    .then()
                    .statusCode(200)
                    .body("id", equalTo(dispute.id().value()))
                    .body("transactionId", equalTo(dispute.transactionId().value()))
                    .body("openedBy", equalTo(PAYER))
                    .body("deadline", equalTo(dispute.deadline().toString()))
                    .body("evidence[0].value", equalTo("no output"));
        }
    }

    @Test
    void strangerCannotReadADispute() {
        Dispute dispute = openOverSettled();

        assertProblem(
                        tokens.asAgent(STRANGER)
                                .get(DISPUTES + "/" + dispute.id())
                                .then(),
                        403,
                        "ACTING_AS_ANOTHER_AGENT")
                .body("detail", containsString("'" + STRANGER + "' is not a party"));
        assertProblem(
                given().auth()
                        .oauth2(tokens.noRoles())
                        .get(DISPUTES + "/" + dispute.id())
                        .then(),
                403,
                "ROLE_REQUIRED");
        assertUnauthenticated(given().get(DISPUTES + "/" + dispute.id()).then());
    }

    @Test
    void unknownOrMalformedDisputeIdIsNotFoundOrBadRequest() {
        assertProblem(
                tokens.asOperator().get(DISPUTES + "/" + UUID.randomUUID()).then(), 404, "DISPUTE_NOT_FOUND");
        assertProblem(tokens.asOperator().get(DISPUTES + "/D-1").then(), 400, "INVALID_VALUE")
                .body("errors[0].field", equalTo("disputeId"));
    }

    // Listing

    @Test
    void agentsListOnlyTheirOwnDisputesAndOperatorsListAll() {
        Dispute mine = openOverSettled();
        Dispute theirs = desk.open(settled(OTHER_PAYER, PROVIDER).id(), AgentId.of(OTHER_PAYER), "late", List.of());

        tokens.asAgent(PAYER)
                .get(DISPUTES)
                .then()
                .statusCode(200)
                .body("items.id", contains(mine.id().value()));
        tokens.asAgent(OTHER_PAYER)
                .get(DISPUTES)
                .then()
                .statusCode(200)
                .body("items.id", contains(theirs.id().value()));
        tokens.asAgent(STRANGER).get(DISPUTES).then().statusCode(200).body("items", hasSize(0));
        tokens.asAgent(PROVIDER)
                .get(DISPUTES)
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("nextCursor", nullValue());
        tokens.asOperator().get(DISPUTES).then().statusCode(200).body("items", hasSize(2));
        tokens.asOperator()
                .queryParam("party", OTHER_PAYER)
                .get(DISPUTES)
                .then()
                .statusCode(200)
                .body("items.id", contains(theirs.id().value()))
                .body("items[0].payer", equalTo(OTHER_PAYER));
    }

    @Test
    void agentNamingAnotherPartyIsRefused() {
        Dispute mine = openOverSettled();

        assertProblem(
                tokens.asAgent(STRANGER)
                        .queryParam("party", PAYER)
                        .get(DISPUTES)
                        .then(),
                403,
                "ACTING_AS_ANOTHER_AGENT");
        tokens.asAgent(PAYER)
                .queryParam("party", PAYER)
                .get(DISPUTES)
                .then()
                .statusCode(200)
                .body("items.id", contains(mine.id().value()));
    }

    @Test
    void listFiltersByStatusAndPagesWithACursor() {
        Dispute resolved = openOverSettled();
        desk.resolve(resolved.id(), "ops", new DisputeOutcome.FullRefund(), "no delivery");
        Dispute open = desk.open(hire(PAYER, PROVIDER).id(), PROVIDER_ID, "unpaid", List.of());

        tokens.asAgent(PAYER)
                .queryParam("status", "RESOLVED")
                .get(DISPUTES)
                .then()
                .statusCode(200)
                .body("items.id", contains(resolved.id().value()))
                .body("items[0].resolution.outcome", equalTo("FULL_REFUND"));
        tokens.asOperator()
                .queryParam("status", "OPEN")
                .get(DISPUTES)
                .then()
                .body("items.id", contains(open.id().value()));

        List<String> ordered = List.of(resolved.id().value(), open.id().value()).stream()
                .sorted()
                .toList();
        tokens.asAgent(PAYER)
                .queryParam("limit", 1)
                .get(DISPUTES)
                .then()
                .statusCode(200)
                .body("items.id", contains(ordered.get(0)))
                .body("nextCursor", equalTo(ordered.get(0)));
        tokens.asAgent(PAYER)
                .queryParam("limit", 1)
                .queryParam("after", ordered.get(0))
                .get(DISPUTES)
                .then()
                .statusCode(200)
                .body("items.id", contains(ordered.get(1)))
                .body("nextCursor", nullValue());
    }

    @Test
    void invalidListParametersAreBadRequests() {
        assertProblem(
                        tokens.asOperator()
                                .queryParam("status", "CLOSED")
                                .get(DISPUTES)
                                .then(),
                        400,
                        "INVALID_VALUE")
                .body("errors[0].field", equalTo("status"));
        assertProblem(tokens.asOperator().queryParam("limit", "0").get(DISPUTES).then(), 400, "INVALID_VALUE")
                .body("errors[0].field", equalTo("limit"));
        assertProblem(
                        tokens.asOperator()
                                .queryParam("after", "page-2")
                                .get(DISPUTES)
                                .then(),
                        400,
                        "INVALID_VALUE")
                .body("errors[0].field", equalTo("disputeId"));
        assertProblem(
                        tokens.asOperator()
                                .queryParam("party", "not an id")
                                .get(DISPUTES)
                                .then(),
                        400,
                        "INVALID_VALUE")
                .body("errors[0].field", equalTo("agentId"));
    }

    @Test
    void listingNeedsAnAgentOrOperatorToken() {
        openOverSettled();

        assertUnauthenticated(given().get(DISPUTES).then());
        assertProblem(given().auth().oauth2(tokens.noRoles()).get(DISPUTES).then(), 403, "ROLE_REQUIRED");
    }

    // Resolving

    @Test
    void operatorResolvesWithAFullRefundAndTheProviderLoses() {
        Dispute dispute = openOverSettled();

        tokens.asOperator()
                .contentType(ContentType.JSON)
                .body(resolutionBody("FULL_REFUND", null, "nothing was delivered"))
                .post(resolutionPath(dispute))
                .then()
                .statusCode(200)
                .body("status", equalTo("RESOLVED"))
                .body("resolution.outcome", equalTo("FULL_REFUND"))
                .body("resolution.refund", nullValue())
                .body("resolution.decidedBy.kind", equalTo("OPERATOR"))
                .body("resolution.decidedBy.id", equalTo("ops"))
                .body("resolution.note", equalTo("nothing was delivered"));

        assertThat(stateOf(dispute)).isEqualTo(TransactionState.RESOLVED);
        assertThat(reputation.reputationOf(PROVIDER_ID).failures()).isEqualTo(1);
        tokens.asAgent(PROVIDER)
                .get(DISPUTES + "/" + dispute.id())
                .then()
                .body("resolution.outcome", equalTo("FULL_REFUND"));
    }

    @Test
    void operatorResolvesWithAPartialRefundGivenAsAString() {
        Dispute dispute = openOverSettled();
        Money before = balanceOf(PAYER);

        tokens.asOperator()
                .contentType(ContentType.JSON)
                .body(resolutionBody("PARTIAL_REFUND", "0.5", "half delivered"))
                .post(resolutionPath(dispute))
                .then()
                .statusCode(200)
                .body("resolution.outcome", equalTo("PARTIAL_REFUND"))
                .body("resolution.refund.amount", equalTo("0.500000"))
                .body("resolution.refund.currency", equalTo("USDC"));

        assertThat(balanceOf(PAYER)).isEqualTo(before.plus(Money.of("0.50", "USDC")));
    }

    @Test
    void adminMayResolveAndTheProviderCanBeUpheld() {
        Dispute dispute = openOverSettled();

        tokens.asAdmin()
                .contentType(ContentType.JSON)
                .body(resolutionBody("PROVIDER_UPHELD", null, "output matches the spec"))
                .post(resolutionPath(dispute))
                .then()
                .statusCode(200)
                .body("resolution.outcome", equalTo("PROVIDER_UPHELD"))
                .body("resolution.decidedBy.id", equalTo("root"));

        assertThat(reputation.reputationOf(PROVIDER_ID).failures()).isZero();
    }

    @Test
    void onlyAnOperatorResolves() {
        Dispute dispute = openOverSettled();
        String body = resolutionBody("FULL_REFUND", null, "mine now");

        for (String party : List.of(PAYER, PROVIDER)) {
            assertProblem(
                    tokens.asAgent(party)
                            .contentType(ContentType.JSON)
                            .body(body)
                            .post(resolutionPath(dispute))
                            .then(),
                    403,
                    "ROLE_REQUIRED");
        }
        assertUnauthenticated(given().contentType(ContentType.JSON)
                .body(body)
                .post(resolutionPath(dispute))
                .then());

        assertThat(desk.get(dispute.id()).status()).isEqualTo(DisputeStatus.OPEN);
        assertThat(stateOf(dispute)).isEqualTo(TransactionState.DISPUTED);
    }

    @Test
    void invalidResolutionsAreRefused() {
        Dispute dispute = openOverSettled();

        assertProblem(resolveAsOperator(dispute, resolutionBody("PARTIAL_REFUND", null, "n")), 400, "INVALID_VALUE")
                .body("errors[0].field", equalTo("refund"));
        assertProblem(resolveAsOperator(dispute, resolutionBody("FULL_REFUND", "0.50", "n")), 400, "INVALID_VALUE")
                .body("errors[0].field", equalTo("refund"));
        assertProblem(resolveAsOperator(dispute, resolutionBody("SPLIT", null, "n")), 400, "INVALID_VALUE")
                .body("errors[0].field", equalTo("outcome"));
        assertProblem(resolveAsOperator(dispute, "{\"outcome\":\"FULL_REFUND\"}"), 400, "INVALID_VALUE")
                .body("errors[0].field", equalTo("note"));
        assertProblem(
                        resolveAsOperator(dispute, resolutionBody("PARTIAL_REFUND", "0.0000001", "n")),
                        400,
                        "INVALID_VALUE")
                .body("errors[0].field", equalTo("refund.amount"));
        assertProblem(resolveAsOperator(dispute, resolutionBody("PARTIAL_REFUND", "1.50", "n")), 422, "INVALID_REFUND");

        assertThat(desk.get(dispute.id()).status()).isEqualTo(DisputeStatus.OPEN);
        assertThat(stateOf(dispute)).isEqualTo(TransactionState.DISPUTED);
    }

    @Test
    void resolvingAnUnknownDisputeIsNotFound() {
        assertProblem(
                tokens.asOperator()
                        .contentType(ContentType.JSON)
                        .body(resolutionBody("FULL_REFUND", null, "n"))
                        .post(DISPUTES + "/" + UUID.randomUUID() + "/resolution")
                        .then(),
                404,
                "DISPUTE_NOT_FOUND");
    }

    @Test
    void resolvingTwiceIsAConflictAndKeepsTheFirstDecision() {
        Dispute dispute = openOverSettled();
        resolveAsOperator(dispute, resolutionBody("PROVIDER_UPHELD", null, "first"))
                .statusCode(200);

        assertProblem(
                resolveAsOperator(dispute, resolutionBody("FULL_REFUND", null, "second")), 409, "ILLEGAL_TRANSITION");

        Dispute stored = desk.get(dispute.id());
        assertThat(stored.resolution().orElseThrow().note()).isEqualTo("first");
        assertThat(stored.resolution().orElseThrow().outcome()).isEqualTo(new DisputeOutcome.ProviderUpheld());
    }

    @Test
    void retriedResolutionWithTheSameKeyReplaysTheDecision() {
        Dispute dispute = openOverSettled();
        String key = UUID.randomUUID().toString();
        String body = resolutionBody("FULL_REFUND", null, "refund");

        String first = tokens.asOperator()
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post(resolutionPath(dispute))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String replayed = tokens.asOperator()
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post(resolutionPath(dispute))
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .extract()
                .asString();

        assertThat(replayed).isEqualTo(first);
        assertThat(reputation.reputationOf(PROVIDER_ID).failures()).isEqualTo(1);
        assertProblem(
                tokens.asOperator()
                        .header("Idempotency-Key", key)
                        .contentType(ContentType.JSON)
                        .body(resolutionBody("PROVIDER_UPHELD", null, "refund"))
                        .post(resolutionPath(dispute))
                        .then(),
                409,
                "IDEMPOTENCY_MISMATCH");
    }

    @Test
    void openApiDocumentsTheDisputeOperations() {
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/api/v1/disputes'.post.summary", equalTo("Open a dispute over a transaction"))
                .body("paths.'/api/v1/disputes'.post.parameters.name", hasItem("Idempotency-Key"))
                .body("paths.'/api/v1/disputes/{disputeId}/resolution'.post.tags", hasItem("Disputes"))
                .body("components.schemas.Amount.properties.amount.type", equalTo("string"));
    }

    // Helpers

    private Transaction hire(String payer, String provider) {
        return ledger.hire(new HireRequest(
                        AgentId.of(payer),
                        AgentId.of(provider),
                        Capability.of("python"),
                        RegistryFixture.PRICE,
                        "write a parser",
                        IdempotencyKey.of("dispute-api-%04d".formatted(++hires))))
                .transaction();
    }

    private Transaction settled(String payer, String provider) {
        Transaction hired = hire(payer, provider);
        return ledger.settle(hired.id(), Actor.agent(AgentId.of(payer)), Optional.empty());
    }

    /** A dispute the payer opened over a settled transaction, with one text item. */
    private Dispute openOverSettled() {
        return desk.open(
                settled(PAYER, PROVIDER).id(),
                PAYER_ID,
                "nothing delivered",
                List.of(new EvidenceItem.Text("no output")));
    }

    private TransactionState stateOf(Transaction transaction) {
        return queries.get(transaction.id()).transaction().state();
    }

    private TransactionState stateOf(Dispute dispute) {
        return queries.get(dispute.transactionId()).transaction().state();
    }

    private Money balanceOf(String agent) {
        Currency usdc = RegistryFixture.PRICE.currency();
        return queries.balanceOf(Account.of(AgentId.of(agent))).getOrDefault(usdc, Money.zero(usdc));
    }

    /**
     * Ages the dispute past its deadline in the database: the desk only ever stamps the clock's
     * time and the repository never rewrites a deadline.
     */
    private void moveDeadlineIntoThePast(DisputeId id) throws SQLException {
        Instant past = Instant.now().minus(Duration.ofDays(1));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update =
                        connection.prepareStatement("UPDATE dispute SET opened_at = ?, deadline = ? WHERE id = ?")) {
            update.setTimestamp(1, Timestamp.from(past.minus(Duration.ofHours(72))));
            update.setTimestamp(2, Timestamp.from(past));
            update.setString(3, id.value());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private ValidatableResponse resolveAsOperator(Dispute dispute, String body) {
        return tokens.asOperator()
                .contentType(ContentType.JSON)
                .body(body)
                .post(resolutionPath(dispute))
                .then();
    }

    private static String openBody(Transaction transaction, String reason, String kind, String value) {
        return "{\"transactionId\":\"%s\",\"reason\":\"%s\",\"evidence\":[%s]}"
                .formatted(transaction.id(), reason, evidenceBody(kind, value));
    }

    private static String evidenceBody(String kind, String value) {
        return "{\"kind\":\"%s\",\"value\":\"%s\"}".formatted(kind, value);
    }

    private static String resolutionBody(String outcome, String refund, String note) {
        String refundJson =
                refund == null ? "" : ",\"refund\":{\"amount\":\"%s\",\"currency\":\"USDC\"}".formatted(refund);
        return "{\"outcome\":\"%s\"%s,\"note\":\"%s\"}".formatted(outcome, refundJson, note);
    }

    private static String evidencePath(Dispute dispute) {
        return DISPUTES + "/" + dispute.id() + "/evidence";
    }

    private static String resolutionPath(Dispute dispute) {
        return DISPUTES + "/" + dispute.id() + "/resolution";
    }

    private static ValidatableResponse assertProblem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("code", equalTo(code));
    }

    private static void assertUnauthenticated(ValidatableResponse response) {
        assertProblem(response, 401, "UNAUTHENTICATED").header("WWW-Authenticate", equalTo("Bearer"));
    }
}
