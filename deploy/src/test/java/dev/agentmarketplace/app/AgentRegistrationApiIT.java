package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.Availability;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An agent registering itself, and an admin registering many agents at once. */
@QuarkusTest
class AgentRegistrationApiIT {
    private static final String WALLET = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";

    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    AgentRepository agents;

    @BeforeEach
    void startEmpty() {
        registry.clear();
    }

    static Map<String, Object> registration(String id) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("displayName", "Agent " + id);
        body.put("owner", "acme");
        body.put("capabilities", List.of(" Python ", "Code  Review", "python"));
        body.put("price", Map.of("amount", "2.5", "currency", "USDC"));
        body.put("payoutWallet", WALLET);
        body.put("availability", "online");
        body.put("capacityPerHour", 12);
        body.put("metadata", Map.of("region", "eu-west"));
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    @Test
    void agentRegistersItselfAndGetsItsUrlAndVersion() {
        tokens.asAgent("newbie")
                .contentType(ContentType.JSON)
                .body(registration("newbie"))
                .post("/api/v1/agents")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/agents/newbie"))
                .header("ETag", "\"0\"")
                .body("id", equalTo("newbie"))
                .body("displayName", equalTo("Agent newbie"))
                .body("capabilities", contains("code review", "python"))
                .body("price.amount", equalTo("2.500000"))
                .body("price.currency", equalTo("USDC"))
                .body("payoutWallet", equalTo("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"))
                .body("availability", equalTo("ONLINE"))
                .body("capacityPerHour", equalTo(12))
                .body("metadata.region", equalTo("eu-west"))
                .body("deregisteredAt", nullValue());

        tokens.asOperator().get("/api/v1/agents/newbie").then().statusCode(200).body("owner", equalTo("acme"));
    }

    @Test
    void registeringWithoutATokenIsUnauthenticatedAndRegistersNothing() {
        given().contentType(ContentType.JSON)
                .body(registration("newbie"))
                .post("/api/v1/agents")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"));

        assertThat(agents.findById(AgentId.of("newbie"))).isEmpty();
    }

    @Test
    void onlyAnAgentRegistersItselfNotAnOperatorNorATokenWithoutRoles() {
        tokens.asOperator()
                .contentType(ContentType.JSON)
                .body(registration("newbie"))
                .post("/api/v1/agents")
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"));
        given().auth()
                .oauth2(tokens.noRoles())
                .contentType(ContentType.JSON)
                .body(registration("newbie"))
                .post("/api/v1/agents")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("ROLE_REQUIRED"));

        assertThat(agents.findById(AgentId.of("newbie"))).isEmpty();
    }

    @Test
    void anAgentCannotRegisterAnotherAgent() {
        tokens.asAgent("mallory")
                .contentType(ContentType.JSON)
                .body(registration("victim"))
                .post("/api/v1/agents")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("ACTING_AS_ANOTHER_AGENT"))
                .body("detail", equalTo("agent 'mallory' cannot act as agent 'victim'"));

        assertThat(agents.findById(AgentId.of("victim"))).isEmpty();
        assertThat(agents.findById(AgentId.of("mallory"))).isEmpty();
    }

    @Test
    void missingFieldsAreNamedEach() {
        tokens.asAgent("newbie")
                .contentType(ContentType.JSON)
                .body(Map.of("id", "newbie"))
                .post("/api/v1/agents")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_VALUE"))
                .body(
                        "errors.field",
                        containsInAnyOrder(
                                "availability",
                                "capabilities",
                                "capacityPerHour",
                                "displayName",
                                "owner",
                                "payoutWallet",
                                "price"));
    }

    @Test
    void malformedValuesAreBadRequestsNamingTheirField() {
        Map<String, Map<String, Object>> cases = Map.of(
                "payoutWallet",
                        with(registration("newbie"), "payoutWallet", "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
                "price.amount",
                        with(registration("newbie"), "price", Map.of("amount", "1.0000001", "currency", "USDC")),
                "price.currency", with(registration("newbie"), "price", Map.of("amount", "1", "currency", "XYZ")),
                "availability", with(registration("newbie"), "availability", "ASLEEP"),
                "capacityPerHour", with(registration("newbie"), "capacityPerHour", 0),
                "capabilities", with(registration("newbie"), "capabilities", List.of("  ")),
                "metadata", with(registration("newbie"), "metadata", Map.of("bad key!", "x")),
                "id", with(registration("newbie"), "id", "not an id"),
                "surprise", with(registration("newbie"), "surprise", true));
        cases.forEach((field, body) -> tokens.asAgent("newbie")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/agents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo(field)));

        assertThat(agents.findById(AgentId.of("newbie"))).isEmpty();
    }

    @Test
    void shownTextWithABidiOverrideOrAControlCharacterIsRefusedNamingTheCodePointNotEchoingIt() {
        Map<String, Object[]> cases = Map.of(
                "displayName",
                        new Object[] {"U+202E", with(registration("newbie"), "displayName", "Invoice\u202Etxt.exe")},
                "owner", new Object[] {"U+0000", with(registration("newbie"), "owner", "acme\u0000")},
                "metadata",
                        new Object[] {"U+2066", with(registration("newbie"), "metadata", Map.of("region", "eu\u2066"))
                        });
        cases.forEach((field, expected) -> {
            String body = tokens.asAgent("newbie")
                    .contentType(ContentType.JSON)
                    .body(expected[1])
                    .post("/api/v1/agents")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("INVALID_VALUE"))
                    .body("errors[0].field", equalTo(field))
                    .body("errors[0].message", containsString((String) expected[0]))
                    .extract()
                    .asString();
            assertThat(body).doesNotContain("\u202E", "\u0000", "\u2066", "\\u202e", "\\u0000", "\\u2066");
        });

        assertThat(agents.findById(AgentId.of("newbie"))).isEmpty();
    }

    @Test
    void registeringTwiceIsAConflict() {
        registry.register("newbie", "Newbie", Availability.ONLINE, "python");

        tokens.asAgent("newbie")
                .contentType(ContentType.JSON)
                .body(registration("newbie"))
                .post("/api/v1/agents")
                .then()
                .statusCode(409)
                .body("code", equalTo("AGENT_ALREADY_REGISTERED"))
                .body("detail", equalTo("an agent with id 'newbie' is already registered"));
    }

    @Test
    void aRetriedRegistrationReplaysTheFirstAnswer() {
        String key = key();
        Map<String, Object> body = registration("newbie");

        ExtractableResponse<Response> first = tokens.asAgent("newbie")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/agents")
                .then()
                .statusCode(201)
                .extract();
        tokens.asAgent("newbie")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/agents")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", equalTo(first.header("Location")))
                .body(equalTo(first.asString()));

        tokens.asOperator().get("/api/v1/agents").then().body("items.id", contains("newbie"));
    }

    @Test
    void aKeyReusedWithAnotherBodyIsAConflict() {
        String key = key();
        tokens.asAgent("newbie")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(registration("newbie"))
                .post("/api/v1/agents")
                .then()
                .statusCode(201);

        tokens.asAgent("newbie")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(with(registration("newbie"), "displayName", "Another name"))
                .post("/api/v1/agents")
                .then()
                .statusCode(409)
                .body("code", equalTo("IDEMPOTENCY_MISMATCH"));

        tokens.asOperator().get("/api/v1/agents/newbie").then().body("displayName", equalTo("Agent newbie"));
    }

    @Test
    void adminRegistersManyAgentsAtOnce() {
        tokens.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("items", List.of(registration("bulk-a"), registration("bulk-b"))))
                .post("/api/v1/agents/bulk")
                .then()
                .statusCode(201)
                .body("items.id", contains("bulk-a", "bulk-b"))
                .body("items[1].price.amount", equalTo("2.500000"));

        tokens.asOperator().get("/api/v1/agents").then().body("items.id", contains("bulk-a", "bulk-b"));
    }

    @Test
    void bulkRegistrationIsAllOrNothingWithEveryRefusedItemNamed() {
        registry.register("taken", "Taken", Availability.ONLINE, "python");

        tokens.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "items",
                        List.of(
                                registration("fresh"),
                                registration("taken"),
                                registration("fresh"),
                                with(registration("tiny"), "capacityPerHour", 0))))
                .post("/api/v1/agents/bulk")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("BULK_REJECTED"))
                .body("errors.field", contains("items[1]", "items[2]", "items[3]"))
                .body("errors[0].message", containsString("AGENT_ALREADY_REGISTERED"))
                .body("errors[1].message", containsString("earlier in this batch, at index 0"))
                .body("errors[2].message", containsString("capacityPerHour"));

        tokens.asOperator().get("/api/v1/agents").then().body("items.id", contains("taken"));
    }

    @Test
    void malformedBulkItemIsNamedByItsIndex() {
        tokens.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "items", List.of(registration("fine"), with(registration("broken"), "payoutWallet", "0x12"))))
                .post("/api/v1/agents/bulk")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("items[1].payoutWallet"));
        tokens.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("items", List.of()))
                .post("/api/v1/agents/bulk")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("items"));

        tokens.asOperator().get("/api/v1/agents").then().body("items", hasSize(0));
    }

    @Test
    void bulkRegistrationIsForAdminsOnly() {
        Map<String, Object> body = Map.of("items", List.of(registration("bulk-a")));
        for (var request : List.of(tokens.asOperator(), tokens.asAgent("bulk-a"))) {
            request.contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/v1/agents/bulk")
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("ROLE_REQUIRED"))
                    .body("detail", equalTo("this operation needs the 'admin' role"));
        }
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/agents/bulk")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("UNAUTHENTICATED"));

        assertThat(agents.findById(AgentId.of("bulk-a"))).isEmpty();
    }

    @Test
    void aRetriedBulkRegistrationReplaysAndAKeyReusedWithAnotherBodyConflicts() {
        String key = key();
        Map<String, Object> body = Map.of("items", List.of(registration("bulk-a")));
        String first = tokens.asAdmin()
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/agents/bulk")
                .then()
                .statusCode(201)
                .extract()
                .asString();

        tokens.asAdmin()
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/agents/bulk")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body(equalTo(first));
        tokens.asAdmin()
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(Map.of("items", List.of(registration("bulk-b"))))
                .post("/api/v1/agents/bulk")
                .then()
                .statusCode(409)
                .body("code", equalTo("IDEMPOTENCY_MISMATCH"));

        tokens.asOperator().get("/api/v1/agents").then().body("items.id", contains("bulk-a"));
    }
}
