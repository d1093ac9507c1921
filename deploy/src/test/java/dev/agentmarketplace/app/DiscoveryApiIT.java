package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.reputation.ReputationService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The discovery API over the assembled application: search, recommend, select and analytics, each
 * open to every role and to nobody without one. {@link DiscoveryApiOnPostgresIT} runs it on
 * PostgreSQL.
 */
@QuarkusTest
class DiscoveryApiIT {
    private static final String SEARCH = "/api/v1/discovery/search";
    private static final String RECOMMEND = "/api/v1/discovery/recommend";
    private static final String SELECT = "/api/v1/discovery/select";
    private static final String ANALYTICS = "/api/v1/discovery/capabilities/{capability}/analytics";
    private static final AgentId PAYER = AgentId.of("orchestrator");

    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    Ledger ledger;

    @Inject
    ReputationService reputation;

    /**
     * Python is offered online by python-budget (0.50 USDC), python-expert (1.50 USDC) and
     * euro-coder (2.00 EUR), and busily by python-busy (1.00 USDC); rust-smith offers rust only.
     */
    @BeforeEach
    void registerAgents() {
        registry.clear();
        registry.register("orchestrator", "Orchestrator", Availability.ONLINE, "planning");
        register("python-expert", Availability.ONLINE, "1.50", "USDC", "python", "code review");
        register("python-budget", Availability.ONLINE, "0.50", "USDC", "python");
        register("python-busy", Availability.BUSY, "1.00", "USDC", "python");
        register("euro-coder", Availability.ONLINE, "2.00", "EUR", "python");
        register("rust-smith", Availability.ONLINE, "3.00", "USDC", "rust");
    }

    @AfterEach
    void leaveNothingBehind() {
        registry.clear();
    }

    // --- search ---------------------------------------------------------------------------------

    @Test
    void searchFindsAgentsOfferingAnyOfTheCapabilitiesWithinThePriceCeilingCheapestFirst() {
        tokens.asAgent("orchestrator")
                .queryParam("capability", "Python", "rust")
                .queryParam("maxPrice", "3")
                .queryParam("currency", "USDC")
                .queryParam("availability", "ONLINE")
                .queryParam("sort", "PRICE")
                .get(SEARCH)
                .then()
                .statusCode(200)
                .body("items.agent.id", contains("python-budget", "python-expert", "rust-smith"))
                .body("items.agent.price.amount", contains("0.500000", "1.500000", "3.000000"))
                .body("items.agent.price.currency", contains("USDC", "USDC", "USDC"))
                .body("items.agent.availability", contains("ONLINE", "ONLINE", "ONLINE"))
                .body("items[0].reputation", nullValue())
                .body("items[0].load", equalTo(0.0f))
                .body("items[0].recentHires", equalTo(0))
                .body("nextCursor", nullValue());
    }

    @Test
    void searchKeepsOnlyTheAvailabilitiesAskedFor() {
        tokens.asOperator()
                .queryParam("capability", "python")
                .queryParam("availability", "BUSY")
                .get(SEARCH)
                .then()
                .statusCode(200)
                .body("items.agent.id", contains("python-busy"))
                .body("items[0].agent.availability", equalTo("BUSY"));
    }

    @Test
    void searchWithoutAvailabilityAlsoFindsAgentsWhoseLeaseLapsedAsOffline() {
        registry.lapseHeartbeat("python-expert");

        tokens.asAdmin()
                .queryParam("capability", "python")
                .queryParam("availability", "OFFLINE")
                .get(SEARCH)
                .then()
                .statusCode(200)
                .body("items.agent.id", contains("python-expert"))
                .body("items[0].agent.availability", equalTo("OFFLINE"));
        tokens.asAdmin()
                .queryParam("capability", "python")
                .get(SEARCH)
                .then()
                .statusCode(200)
                .body("items", hasSize(4));
    }

    @Test
    void searchPagesWithTheCursorUntilTheLastPage() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = tokens.asAgent("orchestrator")
                    .queryParam("capability", "python")
                    .queryParam("sort", "LOAD")
                    .queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            JsonPath page = request.get(SEARCH).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.agent.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);

        // Equal loads (none was hired) fall back to agent id order.
        assertThat(seen).containsExactly("euro-coder", "python-budget", "python-busy", "python-expert");
        assertThat(pages).isEqualTo(2);
    }

    @Test
    void searchByReputationShowsTheReputationAndKeepsOnlyAgentsAtOrAboveTheMinimum() {
        rate("python-expert", "5");
        rate("python-budget", "1");

        JsonPath ranked = doubles(tokens.asAgent("orchestrator")
                .queryParam("capability", "python")
                .queryParam("availability", "ONLINE")
                .get(SEARCH)
                .then()
                .statusCode(200)
                .body("items.agent.id", contains("python-expert", "euro-coder", "python-budget"))
                .body("items[0].reputation.score", greaterThan(3.0f))
                .body("items[0].reputation.effectiveObservations", greaterThan(0.0f))
                .body("items[0].reputation.asOf", notNullValue())
                // An unrated agent sits at the prior mean.
                .body("items[1].reputation", nullValue())
                .body("items[1].score", equalTo(3.0f)));
        // Between the prior (3) of the unrated euro-coder and the well-rated agent's score.
        double between = (3.0 + ranked.getDouble("items[0].score")) / 2;

        tokens.asAgent("orchestrator")
                .queryParam("capability", "python")
                .queryParam("minReputation", String.valueOf(between))
                .get(SEARCH)
                .then()
                .statusCode(200)
                .body("items.agent.id", contains("python-expert"));
    }

    @Test
    void searchRefusesBadParametersNamingEach() {
        assertBadSearch(Map.of(), "capability", "capability: at least one capability is required");
        assertBadSearch(
                Map.of("capability", "python", "maxPrice", "2"), "currency", "currency: is required with maxPrice");
        assertBadSearch(
                Map.of("capability", "python", "sort", "PRICE"),
                "currency",
                "currency: is required to sort by PRICE, as prices are compared only within one currency");
        assertBadSearch(
                Map.of("capability", "python", "maxPrice", "two", "currency", "USDC"), "maxPrice", "maxPrice: ");
        assertBadSearch(
                Map.of("capability", "python", "maxPrice", "-1", "currency", "USDC"),
                "maxPrice",
                "must not be negative");
        assertBadSearch(Map.of("capability", "python", "availability", "ASLEEP"), "availability", "ASLEEP");
        assertBadSearch(Map.of("capability", "python", "minReputation", "6"), "minReputation", "between 0 and 5");
        assertBadSearch(Map.of("capability", "python", "sort", "NAME"), "sort", "[REPUTATION, PRICE, LOAD]");
        assertBadSearch(Map.of("capability", "python", "after", "forged"), "after", "not a cursor of this search");
        assertBadSearch(Map.of("capability", "python", "limit", "201"), "limit", "between 1 and 200");
    }

    @Test
    void cursorOfOneSortIsRefusedForAnother() {
        String cursor = tokens.asAgent("orchestrator")
                .queryParam("capability", "python")
                .queryParam("currency", "USDC")
                .queryParam("sort", "PRICE")
                .queryParam("limit", 1)
                .get(SEARCH)
                .then()
                .statusCode(200)
                .extract()
                .path("nextCursor");

        assertBadSearch(
                Map.of("capability", "python", "sort", "LOAD", "after", cursor), "after", "was made for sort PRICE");
    }

    // --- recommend ------------------------------------------------------------------------------

    @Test
    void searchByPriceRanksOnlyAgentsPricedInTheCurrencyAcrossPages() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = tokens.asAgent("orchestrator")
                    .queryParam("capability", "python")
                    .queryParam("currency", "USDC")
                    .queryParam("sort", "PRICE")
                    .queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            JsonPath page = request.get(SEARCH).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.agent.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        // euro-coder (2.00 EUR) is not ranked among USDC prices, before or after them.
        assertThat(seen).containsExactly("python-budget", "python-busy", "python-expert");
        tokens.asAgent("orchestrator")
                .queryParam("capability", "python")
                .queryParam("currency", "EUR")
                .queryParam("sort", "PRICE")
                .get(SEARCH)
                .then()
                .statusCode(200)
                .body("items.agent.id", contains("euro-coder"));
    }

    @Test
    void priceCursorOfOneCurrencyIsRefusedForAnother() {
        String cursor = tokens.asAgent("orchestrator")
                .queryParam("capability", "python")
                .queryParam("currency", "USDC")
                .queryParam("sort", "PRICE")
                .queryParam("limit", 1)
                .get(SEARCH)
                .then()
                .statusCode(200)
                .extract()
                .path("nextCursor");

        assertBadSearch(
                Map.of("capability", "python", "currency", "EUR", "sort", "PRICE", "after", cursor),
                "after",
                "was made for currency USDC, not EUR");
    }

    @Test
    void recommendRefusesCandidatesInSeveralCurrenciesUnlessOneIsNamed() {
        tokens.asAgent("orchestrator")
                .queryParam("capability", "python")
                .get(RECOMMEND)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("MIXED_CURRENCIES"))
                .body("type", equalTo("/problems/mixed-currencies"))
                .body("detail", containsString("priced in EUR and USDC"))
                .body("detail", containsString("name one with currency"));
        tokens.asAgent("orchestrator")
                .queryParam("capability", "python")
                .queryParam("currency", "EUR")
                .get(RECOMMEND)
                .then()
                .statusCode(200)
                .body("items.agent.id", contains("euro-coder"));
    }

    @Test
    void selectWithACurrencyPicksOnlyAgentsPricedInIt() {
        tokens.asAgent("orchestrator")
                .queryParam("capability", "python")
                .queryParam("strategy", "LEAST_LOADED")
                .queryParam("currency", "USDC")
                .post(SELECT)
                .then()
                .statusCode(200)
                .body("agent.id", equalTo("python-budget"));
        tokens.asAgent("orchestrator")
                .queryParam("capability", "python")
                .queryParam("strategy", "ROUND_ROBIN")
                .queryParam("currency", "EUR")
                .post(SELECT)
                .then()
                .statusCode(200)
                .body("agent.id", equalTo("euro-coder"));
    }

    @Test
    void recommendRanksUnratedIdleAgentsByPriceWithinTheCurrencyAndShowsThePartsOfEachRank() {
        JsonPath body = doubles(tokens.asAgent("orchestrator")
                .queryParam("capability", "Python")
                .queryParam("currency", "usdc")
                .get(RECOMMEND)
                .then()
                .statusCode(200)
                .body("capability", equalTo("python"))
                // Equal reputation and load: the cheaper first.
                .body("items.agent.id", contains("python-budget", "python-expert"))
                .body("items.agent.availability", contains("ONLINE", "ONLINE"))
                .body("items.normalizedPrice", contains(0.0f, 1.0f))
                .body("items.load", contains(0.0f, 0.0f)));
        for (int i = 0; i < 2; i++) {
            String item = "items[" + i + "].";
            assertThat(body.getDouble(item + "rank"))
                    .isCloseTo(
                            body.getDouble(item + "reputationComponent")
                                    + body.getDouble(item + "priceComponent")
                                    + body.getDouble(item + "loadComponent"),
                            offset(1e-12));
            assertThat(body.getDouble(item + "lowerBound")).isBetween(0.0, 5.0);
        }
        assertThat(body.getDouble("items[1].priceComponent")).isZero();
        assertThat(body.getDouble("items[0].rank")).isGreaterThan(body.getDouble("items[1].rank"));

        tokens.asAgent("orchestrator")
                .queryParam("capability", "python")
                .queryParam("currency", "USDC")
                .queryParam("limit", 1)
                .get(RECOMMEND)
                .then()
                .statusCode(200)
                .body("items.agent.id", contains("python-budget"));
    }

    @Test
    void recommendLeavesBusyAgentsOutUnlessAsked() {
        tokens.asOperator()
                .queryParam("capability", "python")
                .queryParam("currency", "USDC")
                .queryParam("includeBusy", "true")
                .get(RECOMMEND)
                .then()
                .statusCode(200)
                .body("items", hasSize(3))
                .body("items.find { it.agent.id == 'python-busy' }.agent.availability", equalTo("BUSY"))
                .body("items.find { it.agent.id == 'python-busy' }.normalizedPrice", equalTo(0.5f));
        tokens.asOperator()
                .queryParam("capability", "python")
                .queryParam("currency", "USDC")
                .queryParam("includeBusy", "false")
                .get(RECOMMEND)
                .then()
                .statusCode(200)
                .body("items.agent.id", not(hasItem("python-busy")));
    }

    @Test
    void recommendForACapabilityNobodyOffersIsEmpty() {
        tokens.asAgent("orchestrator")
                .queryParam("capability", "cobol")
                .get(RECOMMEND)
                .then()
                .statusCode(200)
                .body("capability", equalTo("cobol"))
                .body("items", empty());
    }

    @Test
    void recommendRefusesBadParametersNamingEach() {
        assertBad(tokens.asAgent("orchestrator").get(RECOMMEND), "capability", "must not be null");
        assertBad(
                tokens.asAgent("orchestrator")
                        .queryParam("capability", "python")
                        .queryParam("limit", 101)
                        .get(RECOMMEND),
                "limit",
                "limit: must be between 1 and 100, was 101");
        assertBad(
                tokens.asAgent("orchestrator")
                        .queryParam("capability", "python")
                        .queryParam("includeBusy", "yes")
                        .get(RECOMMEND),
                "includeBusy",
                "must be true or false");
    }

    // --- select ---------------------------------------------------------------------------------

    @Test
    void roundRobinGivesEachOnlineAgentItsTurnInIdOrder() {
        List<String> online = List.of("euro-coder", "python-budget", "python-expert");
        String first = selected("ROUND_ROBIN");
        String second = selected("ROUND_ROBIN");
        String third = selected("ROUND_ROBIN");

        int start = online.indexOf(first);
        assertThat(start).isNotNegative();
        assertThat(List.of(second, third)).containsExactly(online.get((start + 1) % 3), online.get((start + 2) % 3));
    }

    @Test
    void refusedSelectionDoesNotTakeATurn() {
        List<String> online = List.of("euro-coder", "python-budget", "python-expert");
        String first = selected("ROUND_ROBIN");

        given().auth()
                .oauth2(tokens.noRoles())
                .queryParam("capability", "python")
                .queryParam("strategy", "ROUND_ROBIN")
                .post(SELECT)
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"));

        String next = selected("ROUND_ROBIN");
        assertThat(next).isEqualTo(online.get((online.indexOf(first) + 1) % 3));
    }

    @Test
    void leastLoadedPicksTheAgentWithTheFewestRecentHires() {
        select("LEAST_LOADED")
                .statusCode(200)
                .body("strategy", equalTo("LEAST_LOADED"))
                .body("capability", equalTo("python"))
                // No hires yet: equal loads go to the first id.
                .body("agent.id", equalTo("euro-coder"));

        hire("euro-coder", Money.of("2.00", "EUR"));

        select("LEAST_LOADED").statusCode(200).body("agent.id", equalTo("python-budget"));
    }

    @Test
    void randomWithASeedPicksTheSameAgentEveryTime() {
        String picked = tokens.asAgent("orchestrator")
                .queryParam("capability", "python")
                .queryParam("strategy", "RANDOM")
                .queryParam("seed", 7)
                .post(SELECT)
                .then()
                .statusCode(200)
                .body("strategy", equalTo("RANDOM"))
                .extract()
                .path("agent.id");

        assertThat(picked).isIn("euro-coder", "python-budget", "python-expert");
        for (int i = 0; i < 3; i++) {
            tokens.asAgent("orchestrator")
                    .queryParam("capability", "python")
                    .queryParam("strategy", "RANDOM")
                    .queryParam("seed", 7)
                    .post(SELECT)
                    .then()
                    .statusCode(200)
                    .body("agent.id", equalTo(picked));
        }
    }

    @Test
    void selectionWithNobodyOnlineIsNotFound() {
        tokens.asAgent("orchestrator")
                .queryParam("capability", "cobol")
                .queryParam("strategy", "LEAST_LOADED")
                .post(SELECT)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NO_AGENT_AVAILABLE"))
                .body("detail", equalTo("no agent offering 'cobol' is online"));
    }

    @Test
    void selectRefusesBadParametersNamingEach() {
        assertBad(
                tokens.asAgent("orchestrator")
                        .queryParam("capability", "python")
                        .queryParam("strategy", "FASTEST")
                        .post(SELECT),
                "strategy",
                "must be one of [ROUND_ROBIN, LEAST_LOADED, RANDOM]");
        assertBad(
                tokens.asAgent("orchestrator")
                        .queryParam("capability", "python")
                        .post(SELECT),
                "strategy",
                "is required");
        assertBad(
                tokens.asAgent("orchestrator")
                        .queryParam("capability", "python")
                        .queryParam("strategy", "ROUND_ROBIN")
                        .queryParam("seed", 1)
                        .post(SELECT),
                "seed",
                "only the RANDOM strategy takes a seed");
    }

    @Test
    void selectIsAPostBecauseItMovesSharedState() {
        tokens.asAgent("orchestrator")
                .queryParam("capability", "python")
                .queryParam("strategy", "ROUND_ROBIN")
                .get(SELECT)
                .then()
                .statusCode(405);
    }

    // --- analytics ------------------------------------------------------------------------------

    @Test
    void analyticsShowsSupplyPricesAsStringsAndTheWindowsDemand() {
        hire("python-expert", Money.of("1.50", "USDC"));

        JsonPath body = tokens.asAgent("orchestrator")
                .get(ANALYTICS, "Python")
                .then()
                .statusCode(200)
                .body("capability", equalTo("python"))
                .body("agentsOffering", equalTo(4))
                .body("agentsOnline", equalTo(3))
                .body("onlineCapacityPerHour", equalTo(3 * RegistryFixture.CAPACITY))
                .body("prices.currency", contains("EUR", "USDC"))
                .body("prices[0].min", equalTo("2.00"))
                .body("prices[0].median", equalTo("2.00"))
                .body("prices[0].max", equalTo("2.00"))
                .body("prices[1].min", equalTo("0.500000"))
                .body("prices[1].median", equalTo("1.000000"))
                .body("prices[1].max", equalTo("1.500000"))
                .body("hires", equalTo(1))
                .body("volume.currency", contains("USDC"))
                .body("volume[0].amount", equalTo("1.500000"))
                .extract()
                .jsonPath();
        Duration window = Duration.between(Instant.parse(body.getString("from")), Instant.parse(body.getString("to")));
        assertThat(window).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void analyticsTakesTheWindowAndAnEncodedCapabilityName() {
        JsonPath body = tokens.asOperator()
                .queryParam("window", "P7D")
                .get(ANALYTICS, "code review")
                .then()
                .statusCode(200)
                .body("capability", equalTo("code review"))
                .body("agentsOffering", equalTo(1))
                .body("prices[0].median", equalTo("1.500000"))
                .body("hires", equalTo(0))
                .body("volume", empty())
                .extract()
                .jsonPath();
        Duration window = Duration.between(Instant.parse(body.getString("from")), Instant.parse(body.getString("to")));
        assertThat(window).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void analyticsOfACapabilityNobodyOffersIsAllZero() {
        tokens.asAgent("orchestrator")
                .get(ANALYTICS, "cobol")
                .then()
                .statusCode(200)
                .body("agentsOffering", equalTo(0))
                .body("agentsOnline", equalTo(0))
                .body("prices", empty())
                .body("volume", empty());
    }

    @Test
    void analyticsRefusesAWindowThatIsNoDurationOrTooLong() {
        assertBad(
                tokens.asAgent("orchestrator").queryParam("window", "24h").get(ANALYTICS, "python"),
                "window",
                "must be an ISO 8601 duration such as PT24H, was '24h'");
        assertBad(
                tokens.asAgent("orchestrator").queryParam("window", "P400D").get(ANALYTICS, "python"),
                "window",
                "at most 366 days");
        assertBad(
                tokens.asAgent("orchestrator").queryParam("window", "-PT1H").get(ANALYTICS, "python"),
                "window",
                "must be positive");
    }

    // --- who may ask ----------------------------------------------------------------------------

    @Test
    void everyDiscoveryOperationNeedsAToken() {
        for (ValidatableResponse response : List.of(
                given().queryParam("capability", "python").get(SEARCH).then(),
                given().queryParam("capability", "python").get(RECOMMEND).then(),
                given().queryParam("capability", "python")
                        .queryParam("strategy", "ROUND_ROBIN")
                        .post(SELECT)
                        .then(),
                given().get(ANALYTICS, "python").then())) {
            response.statusCode(401)
                    .header("WWW-Authenticate", equalTo("Bearer"))
                    .contentType("application/problem+json")
                    .body("code", equalTo("UNAUTHENTICATED"))
                    .body("status", equalTo(401));
        }
    }

    @Test
    void everyDiscoveryOperationRefusesATokenWithoutAnyOfOurRoles() {
        String stranger = tokens.noRoles();
        for (ValidatableResponse response : List.of(
                given().auth()
                        .oauth2(stranger)
                        .queryParam("capability", "python")
                        .get(SEARCH)
                        .then(),
                given().auth()
                        .oauth2(stranger)
                        .queryParam("capability", "python")
                        .get(RECOMMEND)
                        .then(),
                given().auth()
                        .oauth2(stranger)
                        .queryParam("capability", "python")
                        .queryParam("strategy", "LEAST_LOADED")
                        .post(SELECT)
                        .then(),
                given().auth().oauth2(stranger).get(ANALYTICS, "python").then())) {
            response.statusCode(403)
                    .contentType("application/problem+json")
                    .body("code", equalTo("ROLE_REQUIRED"))
                    .body("detail", containsString("'agent', 'operator' or 'admin'"));
        }
    }

    @Test
    void forgedTokenIsRefusedWithAnInvalidTokenChallenge() {
        given().auth()
                .oauth2(tokens.agent("orchestrator") + "x")
                .queryParam("capability", "python")
                .get(SEARCH)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void openApiDescribesEveryDiscoveryOperationBehindTheBearerScheme() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/api/v1/discovery/search'.get.summary", equalTo("Search agents"))
                .body("paths.'/api/v1/discovery/recommend'.get.summary", equalTo("Recommend agents for a capability"))
                .body("paths.'/api/v1/discovery/select'.post.summary", equalTo("Select one agent for a capability"))
                .body("paths.'/api/v1/discovery/select'.post.responses.'404'", notNullValue())
                .body(
                        "paths.'/api/v1/discovery/capabilities/{capability}/analytics'.get.summary",
                        equalTo("Analytics of a capability"))
                .body("paths.'/api/v1/discovery/search'.get.security[0].bearer", notNullValue());
    }

    private void register(String id, Availability availability, String price, String currency, String... capabilities) {
        registry.register(
                id, id, availability, Money.of(price, currency), RegistryFixture.CAPACITY, Map.of(), capabilities);
    }

    private Transaction hire(String provider, Money price) {
        return ledger.hire(new HireRequest(
                        PAYER,
                        AgentId.of(provider),
                        Capability.of("python"),
                        price,
                        "discovery test",
                        IdempotencyKey.of(UUID.randomUUID().toString())))
                .transaction();
    }

    /** A settled hire of {@code provider}, rated {@code stars} by the orchestrator. */
    private void rate(String provider, String stars) {
        AgentId id = AgentId.of(provider);
        Transaction hired = hire(provider, registryPrice(provider));
        ledger.settle(hired.id(), Actor.agent(PAYER), Optional.empty());
        reputation.giveFeedback(PAYER, id, hired.id(), new BigDecimal(stars));
    }

    private static Money registryPrice(String provider) {
        return switch (provider) {
            case "python-expert" -> Money.of("1.50", "USDC");
            case "python-budget" -> Money.of("0.50", "USDC");
            default -> throw new IllegalArgumentException(provider);
        };
    }

    /** The body with numbers as doubles, for arithmetic on them; Hamcrest matchers see floats. */
    private static JsonPath doubles(ValidatableResponse response) {
        return response.extract().jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private String selected(String strategy) {
        return select(strategy).extract().path("agent.id");
    }

    private ValidatableResponse select(String strategy) {
        return tokens.asAgent("orchestrator")
                .queryParam("capability", "python")
                .queryParam("strategy", strategy)
                .post(SELECT)
                .then()
                .statusCode(200);
    }

    private void assertBadSearch(Map<String, String> parameters, String field, String detail) {
        RequestSpecification request = tokens.asAgent("orchestrator");
        parameters.forEach(request::queryParam);
        assertBad(request.get(SEARCH), field, detail);
    }

    private static void assertBad(io.restassured.response.Response response, String field, String detail) {
        response.then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo(field))
                .body("detail", containsString(detail));
    }
}
