package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Availability;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AgentApiIT {
    @Inject
    RegistryFixture registry;

    @BeforeEach
    void registerTwoAgents() {
        registry.clear();
        registry.register("python-expert", "Python Expert", Availability.ONLINE, " Python ", "Code Review");
        registry.register("translator", "Translator", Availability.BUSY, "translation");
    }

    @Test
    void getsOneAgentWithNormalizedCapabilities() {
        given().get("/api/v1/agents/python-expert")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("id", equalTo("python-expert"))
                .body("displayName", equalTo("Python Expert"))
                .body("owner", equalTo("owner-of-python-expert"))
                .body("capabilities", contains("code review", "python"))
                .body("availability", equalTo("ONLINE"))
                .body("registeredAt", not(empty()))
                .body("lastSeenAt", not(empty()))
                .body("deregisteredAt", nullValue());
    }

    @Test
    void showsThePriceAsAnExactStringWithItsCurrency() {
        registry.register(
                "priced", "Priced", Availability.ONLINE, Money.of("0.000001", "USDC"), 10, Map.of(), "python");

        given().get("/api/v1/agents/priced")
                .then()
                .statusCode(200)
                .body("price.amount", equalTo("0.000001"))
                .body("price.currency", equalTo("USDC"));
        given().get("/api/v1/agents/python-expert").then().body("price.amount", equalTo("1.500000"));
    }

    @Test
    void showsWalletCapacityAndMetadata() {
        registry.register(
                "profiled",
                "Profiled",
                Availability.BUSY,
                Money.of("12", "EUR"),
                42,
                Map.of("region", "eu-west", "model", "m-1"),
                "python");

        given().get("/api/v1/agents/profiled")
                .then()
                .statusCode(200)
                .body("payoutWallet", equalTo("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"))
                .body("capacityPerHour", equalTo(42))
                .body("metadata.region", equalTo("eu-west"))
                .body("metadata.model", equalTo("m-1"))
                .body("price.amount", equalTo("12.00"))
                .body("availability", equalTo("BUSY"));
    }

    @Test
    void agentWhoseHeartbeatLeaseLapsedShowsAsOffline() {
        registry.lapseHeartbeat("python-expert");

        given().get("/api/v1/agents/python-expert").then().statusCode(200).body("availability", equalTo("OFFLINE"));
        given().get("/api/v1/agents")
                .then()
                .body("items.find { it.id == 'python-expert' }.availability", equalTo("OFFLINE"))
                .body("items.find { it.id == 'translator' }.availability", equalTo("BUSY"));
    }

    @Test
    void deregisteredAgentStaysReadableAndShowsAsOffline() {
        registry.deregister("translator");

        given().get("/api/v1/agents/translator")
                .then()
                .statusCode(200)
                .body("deregisteredAt", not(empty()))
                .body("availability", equalTo("OFFLINE"));
        given().get("/api/v1/agents").then().body("items.id", contains("python-expert", "translator"));
    }

    @Test
    void unknownAgentIsANotFoundProblem() {
        given().get("/api/v1/agents/ghost")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/agent-not-found"))
                .body("title", equalTo("Agent not found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("no agent has id 'ghost'"))
                .body("code", equalTo("AGENT_NOT_FOUND"))
                .body("instance", equalTo("/api/v1/agents/ghost"));
    }

    @Test
    void malformedAgentIdIsABadRequestNamingTheField() {
        given().get("/api/v1/agents/not.an.id")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("agentId"))
                .body("detail", containsString("must be 1-64 letters, digits, '_' or '-'"));
    }

    @Test
    void listsAgentsInIdOrderOneCursorPageAtATime() {
        given().queryParam("limit", 1)
                .get("/api/v1/agents")
                .then()
                .statusCode(200)
                .body("items.id", contains("python-expert"))
                .body("nextCursor", equalTo("python-expert"));

        given().queryParam("limit", 1)
                .queryParam("after", "python-expert")
                .get("/api/v1/agents")
                .then()
                .statusCode(200)
                .body("items.id", contains("translator"))
                .body("nextCursor", nullValue());
    }

    @Test
    void defaultPageHoldsEveryAgentWhenThereAreFew() {
        given().get("/api/v1/agents")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("nextCursor", nullValue());
    }

    @Test
    void pageSizeOutsideOneToTwoHundredIsABadRequest() {
        for (String limit : new String[] {"0", "201", "-3"}) {
            given().queryParam("limit", limit)
                    .get("/api/v1/agents")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("limit"))
                    .body("detail", equalTo("limit: must be between 1 and 200, was " + limit));
        }
    }

    @Test
    void nonNumericPageSizeIsABadRequest() {
        given().queryParam("limit", "ten")
                .get("/api/v1/agents")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"))
                .body("detail", equalTo("limit: must be a whole number, was 'ten'"));
    }

    @Test
    void malformedCursorIsABadRequest() {
        given().queryParam("after", "bad cursor")
                .get("/api/v1/agents")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("agentId"));
    }

    @Test
    void unknownPathIsAProblemToo() {
        given().get("/api/v1/nothing-here")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }
}
