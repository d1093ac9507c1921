package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.money.Decimals;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11, findings 1 and 2: every amount or decimal a request carries is bounded before it is
 * expanded. A huge exponent, a value above the maximum or a long text is a small 400 problem with
 * code INVALID_VALUE on every endpoint, never a 500 or a body of megabytes.
 */
@QuarkusTest
class AmountBoundsApiIT {
    /** A problem that echoes at most a truncated input stays well under this. */
    private static final int SMALL_BODY = 2048;

    private static final String PAYER = "orchestrator";
    private static final String PROVIDER = "python-expert";

    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    Ledger ledger;

    @Inject
    DisputeDesk desk;

    @BeforeEach
    void registerAgents() {
        registry.clear();
        registry.register(PAYER, "Orchestrator", Availability.ONLINE, "planning");
        registry.register(PROVIDER, "Python Expert", Availability.ONLINE, "python");
    }

    @AfterEach
    void leaveNothingBehind() {
        registry.clear();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-99999999", "1e-999999999", "1e999999999", "1e400", "1e20", "1e23", "1e-7"})
    void searchRefusesAnOutOfBoundsMaxPriceWithASmallProblem(String amount) {
        assertSmallProblem(
                tokens.asAgent(PAYER)
                        .queryParam("capability", "python")
                        .queryParam("maxPrice", amount)
                        .queryParam("currency", "USDC")
                        .get("/api/v1/discovery/search"),
                "maxPrice");
        assertSmallProblem(
                tokens.asAgent(PAYER)
                        .queryParam("capability", "python")
                        .queryParam("maxPrice", amount)
                        .queryParam("currency", "USDC")
                        .get("/api/v1/agents"),
                "maxPrice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-999999999", "1e999999999", "1e20", "1e400"})
    void searchRefusesAForgedPriceCursorWithASmallProblem(String amount) {
        String cursor = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("PRICE|" + amount + "|USDC|a").getBytes(StandardCharsets.UTF_8));
        assertSmallProblem(
                tokens.asAgent(PAYER)
                        .queryParam("capability", "python")
                        .queryParam("currency", "USDC")
                        .queryParam("sort", "PRICE")
                        .queryParam("after", cursor)
                        .get("/api/v1/discovery/search"),
                "after");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-999999999", "1e999999999", "1e400", "1e20", "1000000000000000"})
    void hireRefusesAnOutOfBoundsAmountWithASmallProblem(String amount) {
        assertSmallProblem(
                tokens.asAgent(PAYER)
                        .contentType(ContentType.JSON)
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .body(Map.of(
                                "provider",
                                PROVIDER,
                                "capability",
                                "python",
                                "amount",
                                Map.of("amount", amount, "currency", "USDC")))
                        .post("/api/v1/transactions"),
                "amount");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-999999999", "1e999999999", "1e23", "1e400"})
    void registrationAndPriceUpdatesRefuseAnOutOfBoundsPriceWithASmallProblem(String amount) {
        Map<String, Object> registration = new HashMap<>(AgentRegistrationApiIT.registration("newcomer"));
        registration.put("price", Map.of("amount", amount, "currency", "USDC"));

        assertSmallProblem(
                tokens.asAgent("newcomer")
                        .contentType(ContentType.JSON)
                        .body(registration)
                        .post("/api/v1/agents"),
                "price.amount");
        assertSmallProblem(
                tokens.asAgent(PROVIDER)
                        .contentType(ContentType.JSON)
                        .body(Map.of("amount", amount, "currency", "USDC"))
                        .put("/api/v1/agents/" + PROVIDER + "/price"),
                "amount");
        assertSmallProblem(
                tokens.asAdmin()
                        .contentType(ContentType.JSON)
                        .body(Map.of("items", List.of(registration)))
                        .post("/api/v1/agents/bulk"),
                "items[0].price.amount");
        assertSmallProblem(
                tokens.asAdmin()
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "items",
                                List.of(Map.of(
                                        "agentId", PROVIDER, "price", Map.of("amount", amount, "currency", "USDC")))))
                        .post("/api/v1/agents/bulk-update"),
                "items[0].price.amount");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-999999999", "1e999999999", "1e20", "1e400"})
    void resolutionRefusesAnOutOfBoundsRefundWithASmallProblem(String amount) {
        Dispute dispute = desk.open(settled().id(), AgentId.of(PAYER), "nothing delivered", List.of());

        assertSmallProblem(
                tokens.asOperator()
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "outcome",
                                "PARTIAL_REFUND",
                                "refund",
                                Map.of("amount", amount, "currency", "USDC"),
                                "note",
                                "half"))
                        .post("/api/v1/disputes/" + dispute.id().value() + "/resolution"),
                "refund.amount");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-999999999", "1e999999999", "-1e-999999999"})
    void reputationRefusesAnOutOfBoundsDeltaOrRatingAsStringOrNumberWithASmallProblem(String value) {
        for (String json : List.of("\"" + value + "\"", value)) {
            assertSmallProblem(
                    tokens.asOperator()
                            .contentType(ContentType.JSON)
                            .body("{\"delta\": " + json + ", \"reason\": \"spam\"}")
                            .post("/api/v1/agents/" + PROVIDER + "/reputation/adjustments"),
                    "delta");
            assertSmallProblem(
                    tokens.asAgent(PAYER)
                            .contentType(ContentType.JSON)
                            .body("{\"transactionId\": \"" + settled().id().value() + "\", \"rating\": " + json + "}")
                            .post("/api/v1/agents/" + PROVIDER + "/feedback"),
                    "rating");
        }
    }

    @Test
    void aDecimalLongerThanTheLimitIsRefusedEchoingOnlyItsBeginning() {
        String longAmount = "1".repeat(Decimals.MAX_LENGTH + 1);
        assertSmallProblem(
                tokens.asAgent(PAYER)
                        .queryParam("capability", "python")
                        .queryParam("maxPrice", longAmount)
                        .queryParam("currency", "USDC")
                        .get("/api/v1/discovery/search"),
                "maxPrice");
        String digits = "1".repeat(5_000);
        assertSmallProblem(
                tokens.asOperator()
                        .contentType(ContentType.JSON)
                        .body("{\"delta\": \"" + digits + "\", \"reason\": \"spam\"}")
                        .post("/api/v1/agents/" + PROVIDER + "/reputation/adjustments"),
                "delta");
    }

    @Test
    void theLargestAmountIsAcceptedAndOneMoreIsNot() {
        tokens.asAgent(PROVIDER)
                .contentType(ContentType.JSON)
                .body(Map.of("amount", "999999999999999.999999", "currency", "USDC"))
                .put("/api/v1/agents/" + PROVIDER + "/price")
                .then()
                .statusCode(200)
                .body("price.amount", equalTo("999999999999999.999999"));
        assertSmallProblem(
                tokens.asAgent(PROVIDER)
                        .contentType(ContentType.JSON)
                        .body(Map.of("amount", "1000000000000000", "currency", "USDC"))
                        .put("/api/v1/agents/" + PROVIDER + "/price"),
                "amount");
    }

    private Transaction settled() {
        Transaction hired = ledger.hire(new HireRequest(
                        AgentId.of(PAYER),
                        AgentId.of(PROVIDER),
                        Capability.of("python"),
                        RegistryFixture.PRICE,
                        "bounds",
                        IdempotencyKey.of(UUID.randomUUID().toString())))
                .transaction();
        return ledger.settle(hired.id(), Actor.agent(AgentId.of(PAYER)), Optional.empty());
    }

    private static void assertSmallProblem(Response response, String field) {
        String body = response.then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo(field))
                .extract()
                .asString();
        assertThat(body.length()).isLessThan(SMALL_BODY);
    }
}
