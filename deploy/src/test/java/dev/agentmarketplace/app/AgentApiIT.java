package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.reputation.ReputationService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading the registry: one agent, the plain listing, and the filtered listing that searches. */
@QuarkusTest
class AgentApiIT {
    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    ReputationService reputation;

    @BeforeEach
    void registerTwoAgents() {
        registry.clear();
        registry.register("python-expert", "Python Expert", Availability.ONLINE, " Python ", "Code Review");
        registry.register("translator", "Translator", Availability.BUSY, "translation");
    }

    @Test
    void getsOneAgentWithNormalizedCapabilitiesAndItsVersionAsETag() {
        tokens.asAgent("translator")
                .get("/api/v1/agents/python-expert")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .header("ETag", "\"0\"")
                .body("id", equalTo("python-expert"))
                .body("displayName", equalTo("Python Expert"))
                .body("owner", equalTo("owner-of-python-expert"))
                .body("capabilities", contains("code review", "python"))
                .body("availability", equalTo("ONLINE"))
                .body("version", equalTo(0))
                .body("registeredAt", not(empty()))
                .body("lastSeenAt", not(empty()))
                .body("deregisteredAt", nullValue());
    }

    @Test
    void operatorsAndAdminsReadTheRegistryToo() {
        tokens.asOperator()
                .get("/api/v1/agents/translator")
                .then()
                .statusCode(200)
                .body("id", equalTo("translator"));
        tokens.asAdmin().get("/api/v1/agents").then().statusCode(200).body("items", hasSize(2));
    }

    @Test
    void readingWithoutATokenIsUnauthenticatedWithABearerChallenge() {
        for (String path : new String[] {"/api/v1/agents", "/api/v1/agents/python-expert"}) {
            given().get(path)
                    .then()
                    .statusCode(401)
                    .header("WWW-Authenticate", "Bearer")
                    .contentType("application/problem+json")
                    .body("code", equalTo("UNAUTHENTICATED"))
                    .body("instance", equalTo(path));
        }
    }

    @Test
    void aForgedTokenIsUnauthenticatedAsAnInvalidToken() {
        given().auth()
                .oauth2("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")
                .get("/api/v1/agents")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void aTokenWithNoneOfTheMarketsRolesReadsNothing() {
        for (String path : new String[] {"/api/v1/agents", "/api/v1/agents/python-expert"}) {
            given().auth()
                    .oauth2(tokens.noRoles())
                    .get(path)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("code", equalTo("ROLE_REQUIRED"))
                    .body("detail", containsString("'agent', 'operator' or 'admin'"));
        }
    }

    @Test
    void showsThePriceAsAnExactStringWithItsCurrency() {
        registry.register(
                "priced", "Priced", Availability.ONLINE, Money.of("0.000001", "USDC"), 10, Map.of(), "python");

        tokens.asAgent("translator")
                .get("/api/v1/agents/priced")
                .then()
                .statusCode(200)
                .body("price.amount", equalTo("0.000001"))
                .body("price.currency", equalTo("USDC"));
        tokens.asAgent("translator")
                .get("/api/v1/agents/python-expert")
                .then()
                .body("price.amount", equalTo("1.500000"));
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

        tokens.asAgent("translator")
                .get("/api/v1/agents/profiled")
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

        tokens.asOperator()
                .get("/api/v1/agents/python-expert")
                .then()
                .statusCode(200)
                .body("availability", equalTo("OFFLINE"));
        tokens.asOperator()
                .get("/api/v1/agents")
                .then()
                .body("items.find { it.id == 'python-expert' }.availability", equalTo("OFFLINE"))
                .body("items.find { it.id == 'translator' }.availability", equalTo("BUSY"));
    }

    @Test
    void deregisteredAgentStaysReadableAndShowsAsOffline() {
        registry.deregister("translator");

        tokens.asOperator()
                .get("/api/v1/agents/translator")
                .then()
                .statusCode(200)
                .body("deregisteredAt", not(empty()))
                .body("availability", equalTo("OFFLINE"));
        tokens.asOperator().get("/api/v1/agents").then().body("items.id", contains("python-expert", "translator"));
    }

    @Test
    void unknownAgentIsANotFoundProblem() {
        tokens.asOperator()
                .get("/api/v1/agents/ghost")
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
        tokens.asOperator()
                .get("/api/v1/agents/not.an.id")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("agentId"))
                .body("detail", containsString("must be 1-64 letters, digits, '_' or '-'"));
    }

    @Test
    void listsAgentsInIdOrderOneCursorPageAtATime() {
        tokens.asOperator()
                .queryParam("limit", 1)
                .get("/api/v1/agents")
                .then()
                .statusCode(200)
                .body("items.id", contains("python-expert"))
                .body("nextCursor", equalTo("python-expert"));

        tokens.asOperator()
                .queryParam("limit", 1)
                .queryParam("after", "python-expert")
                .get("/api/v1/agents")
                .then()
                .statusCode(200)
                .body("items.id", contains("translator"))
                .body("nextCursor", nullValue());
    }

    @Test
    void defaultPageHoldsEveryAgentWhenThereAreFew() {
        tokens.asOperator()
                .get("/api/v1/agents")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("nextCursor", nullValue());
    }

    @Test
    void pageSizeOutsideOneToTwoHundredIsABadRequest() {
        for (String limit : new String[] {"0", "201", "-3"}) {
            tokens.asOperator()
                    .queryParam("limit", limit)
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
        tokens.asOperator()
                .queryParam("limit", "ten")
                .get("/api/v1/agents")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"))
                .body("detail", equalTo("limit: must be a whole number, was 'ten'"));
    }

    @Test
    void malformedCursorIsABadRequest() {
        tokens.asOperator()
                .queryParam("after", "bad cursor")
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

    @Test
    void filteringByCapabilityFindsAgentsOfferingAnyOfThemAndSkipsDeregisteredOnes() {
        registry.register("reviewer", "Reviewer", Availability.ONLINE, "code review");
        registry.register("gone", "Gone", Availability.ONLINE, "translation");
        registry.deregister("gone");

        tokens.asAgent("translator")
                .queryParam("capability", "PYTHON")
                .queryParam("capability", "translation")
                .queryParam("currency", "usdc")
                .queryParam("sort", "price")
                .get("/api/v1/agents")
                .then()
                .statusCode(200)
                .body("items.id", contains("python-expert", "translator"))
                .body("items.find { it.id == 'translator' }.availability", equalTo("BUSY"))
                .body("nextCursor", nullValue());
    }

    @Test
    void filtersByPriceCeilingInItsCurrencyAndByAvailability() {
        registry.register("cheap", "Cheap", Availability.ONLINE, Money.of("0.50", "USDC"), 10, Map.of(), "python");
        registry.register("euro", "Euro", Availability.ONLINE, Money.of("0.10", "EUR"), 10, Map.of(), "python");
        registry.register("busy", "Busy", Availability.BUSY, Money.of("0.20", "USDC"), 10, Map.of(), "python");

        tokens.asAgent("translator")
                .queryParam("capability", "python")
                .queryParam("maxPrice", "1.00")
                .queryParam("currency", "usdc")
                .queryParam("sort", "PRICE")
                .get("/api/v1/agents")
                .then()
                .statusCode(200)
                .body("items.id", contains("busy", "cheap"));

        tokens.asAgent("translator")
                .queryParam("capability", "python")
                .queryParam("maxPrice", "1.00")
                .queryParam("currency", "USDC")
                .queryParam("availability", "ONLINE")
                .get("/api/v1/agents")
                .then()
                .statusCode(200)
                .body("items.id", contains("cheap"))
                .body("items[0].price.amount", equalTo("0.500000"));
    }

    @Test
    void filtersByMinimumReputation() {
        registry.register("trusted", "Trusted", Availability.ONLINE, "python");
        reputation.adjust(AgentId.of("trusted"), new BigDecimal("1.5"), "long good record elsewhere", "ops");

        tokens.asAgent("translator")
                .queryParam("capability", "python")
                .queryParam("minReputation", "3.5")
                .get("/api/v1/agents")
                .then()
                .statusCode(200)
                .body("items.id", contains("trusted"));
    }

    @Test
    void pagesAFilteredListingWithAnOpaqueCursorThatKeepsTheFilters() {
        registry.register("py-a", "A", Availability.ONLINE, Money.of("1.00", "USDC"), 10, Map.of(), "python");
        registry.register("py-b", "B", Availability.ONLINE, Money.of("2.00", "USDC"), 10, Map.of(), "python");
        registry.register("py-c", "C", Availability.ONLINE, Money.of("3.00", "USDC"), 10, Map.of(), "python");

        String cursor = tokens.asAgent("translator")
                .queryParam("capability", "python")
                .queryParam("currency", "USDC")
                .queryParam("sort", "PRICE")
                .queryParam("limit", 2)
                .get("/api/v1/agents")
                .then()
                .statusCode(200)
                .body("items.id", contains("py-a", "python-expert"))
                .body("nextCursor", notNullValue())
                .extract()
                .path("nextCursor");

        tokens.asAgent("translator")
                .queryParam("capability", "python")
                .queryParam("currency", "USDC")
                .queryParam("sort", "PRICE")
                .queryParam("limit", 2)
                .queryParam("after", cursor)
                .get("/api/v1/agents")
                .then()
                .statusCode(200)
                .body("items.id", contains("py-b", "py-c"))
                .body("nextCursor", nullValue());
    }

    @Test
    void sortingByPriceNeedsACurrencyBecausePricesAreComparedOnlyWithinOne() {
        registry.register("euro", "Euro", Availability.ONLINE, Money.of("0.10", "EUR"), 10, Map.of(), "python");

        tokens.asAgent("translator")
                .queryParam("capability", "python")
                .queryParam("sort", "PRICE")
                .get("/api/v1/agents")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("currency"))
                .body("detail", containsString("prices are compared only within one currency"));
        tokens.asAgent("translator")
                .queryParam("capability", "python")
                .queryParam("currency", "EUR")
                .get("/api/v1/agents")
                .then()
                .statusCode(200)
                .body("items.id", contains("euro"));
    }

    @Test
    void filtersWithoutACapabilityAreABadRequest() {
        tokens.asAgent("translator")
                .queryParam("availability", "ONLINE")
                .get("/api/v1/agents")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("capability"))
                .body("detail", containsString("at least one capability"));
    }

    @Test
    void malformedFiltersAreBadRequestsNamingTheParameter() {
        Map<String, Map<String, String>> cases = Map.of(
                "sort", Map.of("capability", "python", "sort", "cheapest"),
                "availability", Map.of("capability", "python", "availability", "SLEEPING"),
                "minReputation", Map.of("capability", "python", "minReputation", "high"),
                "maxPrice", Map.of("capability", "python", "maxPrice", "cheap", "currency", "USDC"),
                "currency", Map.of("capability", "python", "maxPrice", "1.00"),
                "after", Map.of("capability", "python", "after", "not-a-cursor"));
        cases.forEach((field, query) -> tokens.asAgent("translator")
                .queryParams(query)
                .get("/api/v1/agents")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo(field)));
    }

    @Test
    void minimumReputationBeyondTheScaleIsABadRequest() {
        tokens.asAgent("translator")
                .queryParam("capability", "python")
                .queryParam("minReputation", "5.5")
                .get("/api/v1/agents")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("minReputation"))
                .body("detail", containsString("between 0 and 5"));
    }
}
