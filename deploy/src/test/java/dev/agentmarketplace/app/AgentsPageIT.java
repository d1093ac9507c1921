package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.reputation.ReputationService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The agents pages (issue 12) over HTTP as a browser sends it: the filtered, paged list, one
 * agent's overview, and the operator's actions with their refusals.
 */
@QuarkusTest
class AgentsPageIT {
    private static final String LIST = "/dashboard/agents";
    private static final Pattern ROW = Pattern.compile("<tr data-agent-id=\"([^\"]+)\"");

    @Inject
    RegistryFixture registry;

    @Inject
    AgentRegistry agents;

    @Inject
    ReputationService reputation;

    @Inject
    Ledger ledger;

    @Inject
    ApiTokens tokens;

    @Inject
    DashboardClient dashboard;

    @BeforeEach
    void emptyRegistry() {
        registry.clear();
    }

    private ValidatableResponse list(Map<String, ?> query) {
        return dashboard.asOperator().queryParams(query).get(LIST).then();
    }

    /** The ids of the listed rows, in the order shown. */
    private static List<String> listed(ValidatableResponse response) {
        return ROW.matcher(response.extract().asString())
                .results()
                .map(row -> row.group(1))
                .toList();
    }

    private void rate(String id, String delta) {
        reputation.adjust(AgentId.of(id), new BigDecimal(delta), "test set-up", "ops");
    }

    private Transaction hire(String payer, String provider, String key) {
        return ledger.hire(new HireRequest(
                        AgentId.of(payer),
                        AgentId.of(provider),
                        Capability.of("python"),
                        RegistryFixture.PRICE,
                        "refactor",
                        IdempotencyKey.of(key)))
                .transaction();
    }

    @Nested
    class WhoMaySeeIt {
        @Test
        void anonymousVisitorIsSentToSignInFromEveryPageAndAction() {
            registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");

            for (String path : List.of(LIST + "?capability=python", LIST + "/python-expert")) {
                given().redirects()
                        .follow(false)
                        .get(path)
                        .then()
                        .statusCode(303)
                        .header("Location", containsString("/dashboard/sign-in?next="))
                        .body(not(containsString("python-expert")));
            }
            dashboard
                    .anonymous()
                    .redirects()
                    .follow(false)
                    .formParam("delta", "1")
                    .formParam("reason", "x")
                    .post(LIST + "/python-expert/reputation")
                    .then()
                    .statusCode(303)
                    .header("Location", containsString("/dashboard/sign-in"));
            assertThat(reputation.trend(AgentId.of("python-expert"), 10)).isEmpty();
        }

        @Test
        void anAgentsSessionIsRefusedThePagesAndTheActions() {
            registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");

            dashboard.asAgent("python-expert").get(LIST).then().statusCode(403).body(containsString("Operators only"));
            dashboard
                    .asAgent("python-expert")
                    .get(LIST + "/python-expert")
                    .then()
                    .statusCode(403)
                    .body(not(containsString("Capacity use")));
            dashboard
                    .asAgent("python-expert")
                    .formParam("availability", "MAINTENANCE")
                    .post(LIST + "/python-expert/availability")
                    .then()
                    .statusCode(403);
            assertThat(agents.get(AgentId.of("python-expert")).availability()).isEqualTo(Availability.ONLINE);
        }
    }

    @Nested
    class TheList {
        @Test
        void emptyRegistryAndEmptyResultSaySoDifferently() {
            list(Map.of()).statusCode(200).body(containsString("No agents are registered yet."));
            registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");

            list(Map.of("capability", "rust"))
                    .statusCode(200)
                    .body(containsString("No agent matches this filter."))
                    .body(not(containsString("data-agent-id")));
        }

        @Test
        void capabilityAloneKeepsAgentsOfferingIt() {
            registry.register("py", "Py", Availability.ONLINE, "python", "sql");
            registry.register("rs", "Rs", Availability.ONLINE, "rust");

            assertThat(listed(list(Map.of("capability", " Python ")).statusCode(200)))
                    .containsExactly("py");
            list(Map.of("capability", "python")).body(containsString("value=\"python\""));
        }

        @Test
        void statusAloneKeepsTheChosenStatusesDeregisteredShownAsSuch() {
            registry.register("online", "Online", Availability.ONLINE, "python");
            registry.register("maint", "Maint", Availability.MAINTENANCE, "python");
            registry.register("gone", "Gone", Availability.ONLINE, "python");
            registry.register("quiet", "Quiet", Availability.ONLINE, "python");
            registry.deregister("gone");
            registry.lapseHeartbeat("quiet");

            assertThat(listed(list(Map.of("status", "MAINTENANCE")))).containsExactly("maint");
            assertThat(listed(list(Map.of("status", "OFFLINE")))).containsExactly("quiet");
            assertThat(listed(list(Map.of("status", List.of("DEREGISTERED", "ONLINE")))))
                    .containsExactly("gone", "online");
            list(Map.of())
                    .body(containsString("<tr data-agent-id=\"gone\" class=\"deregistered\">"))
                    .body(containsString("<span class=\"status status-deregistered\">DEREGISTERED</span>"))
                    .body(containsString("<span class=\"status status-offline\">OFFLINE</span>"));
            list(Map.of("status", "MAINTENANCE")).body(containsString("value=\"MAINTENANCE\" checked"));
        }

        @Test
        void priceCeilingInItsCurrencyAndCurrencyAlone() {
            registry.register("cheap", "Cheap", Availability.ONLINE, Money.of("1.00", "USDC"), 10, Map.of(), "python");
            registry.register("dear", "Dear", Availability.ONLINE, Money.of("9.00", "USDC"), 10, Map.of(), "python");
            registry.register("euro", "Euro", Availability.ONLINE, Money.of("0.50", "EUR"), 10, Map.of(), "python");

            assertThat(listed(list(Map.of("currency", "usdc", "maxPrice", "2.00"))))
                    .containsExactly("cheap");
            assertThat(listed(list(Map.of("currency", "EUR")))).containsExactly("euro");
        }

        @Test
        void minimumReputationCountsUnratedAgentsAsThePrior() {
            registry.register("good", "Good", Availability.ONLINE, "python");
            registry.register("poor", "Poor", Availability.ONLINE, "python");
            registry.register("new", "New", Availability.ONLINE, "python");
            rate("good", "1.5");
            rate("poor", "-2");

            assertThat(listed(list(Map.of("minReputation", "4")))).containsExactly("good");
            assertThat(listed(list(Map.of("minReputation", "3")))).containsExactly("good", "new");
            list(Map.of()).body(containsString("<td class=\"number reputation\">4.50</td>"));
        }

        @Test
        void everyFilterCombined() {
            registry.register("match", "Match", Availability.ONLINE, Money.of("1.00", "USDC"), 10, Map.of(), "python");
            registry.register("rusty", "Rusty", Availability.ONLINE, Money.of("1.00", "USDC"), 10, Map.of(), "rust");
            registry.register("dear", "Dear", Availability.ONLINE, Money.of("5.00", "USDC"), 10, Map.of(), "python");
            registry.register("busy", "Busy", Availability.BUSY, Money.of("1.00", "USDC"), 10, Map.of(), "python");
            registry.register("poor", "Poor", Availability.ONLINE, Money.of("1.00", "USDC"), 10, Map.of(), "python");
            rate("poor", "-1");

            assertThat(listed(list(Map.of(
                            "capability", "python",
                            "status", "ONLINE",
                            "currency", "USDC",
                            "maxPrice", "2",
                            "minReputation", "2.5"))))
                    .containsExactly("match");
        }

        @Test
        void longListsArePagedByCursorKeepingTheFilter() {
            for (int i = 0; i < 52; i++) {
                registry.register("agent-%02d".formatted(i), "Agent " + i, Availability.ONLINE, "python");
            }
            registry.register("agent-99", "Other", Availability.ONLINE, "rust");

            ValidatableResponse first = list(Map.of("capability", "python")).statusCode(200);
            assertThat(listed(first)).hasSize(50).startsWith("agent-00").endsWith("agent-49");
            first.body(containsString("href=\"/dashboard/agents?capability=python&amp;after=agent-49\""));

            ValidatableResponse second = list(Map.of("capability", "python", "after", "agent-49"));
            assertThat(listed(second)).containsExactly("agent-50", "agent-51");
            second.body(not(containsString("rel=\"next\"")));
        }

        @Test
        void badFilterValuesAreRefusedBesideTheirFields() {
            registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");

            list(Map.of(
                            "currency", "USDC",
                            "maxPrice", "cheap",
                            "minReputation", "7",
                            "status", "SLEEPING"))
                    .statusCode(400)
                    .contentType(containsString("text/html"))
                    .body(containsString("aria-invalid=\"true\" aria-describedby=\"maxPrice-error\""))
                    .body(containsString("<p class=\"field-error\" id=\"maxPrice-error\">"))
                    .body(containsString("<p class=\"field-error\" id=\"status-error\">must be one of"))
                    .body(containsString("value=\"cheap\""))
                    .body(containsString("Correct the filter above to list agents."))
                    .body(not(containsString("data-agent-id")));
            list(Map.of("minReputation", "7"))
                    .statusCode(400)
                    .body(containsString(
                            "<p class=\"field-error\" id=\"minReputation-error\">must be between 0 and 5"));
            list(Map.of("maxPrice", "2"))
                    .statusCode(400)
                    .body(containsString("<p class=\"field-error\" id=\"maxPrice-error\">needs a currency"));
            list(Map.of("currency", "DOGE"))
                    .statusCode(400)
                    .body(containsString("<p class=\"field-error\" id=\"currency-error\">"));
            list(Map.of("after", "no/such cursor"))
                    .statusCode(400)
                    .body(containsString("<p class=\"error\" role=\"alert\">"));
        }

        @Test
        void htmxGetsOnlyTheResultsButTheWholePageToRestoreHistoryOrShowBadInput() {
            registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");

            dashboard
                    .asOperator()
                    .header("HX-Request", "true")
                    .queryParam("capability", "python")
                    .get(LIST)
                    .then()
                    .statusCode(200)
                    .body(matchesPattern("(?s)\\s*<section id=\"agent-results\".*"))
                    .body(containsString("data-agent-id=\"python-expert\""))
                    .body(not(containsString("<html")))
                    .body(not(containsString("<form")));
            dashboard
                    .asOperator()
                    .header("HX-Request", "true")
                    .header("HX-History-Restore-Request", "true")
                    .queryParam("capability", "python")
                    .get(LIST)
                    .then()
                    .statusCode(200)
                    .body(containsString("<html"))
                    .body(containsString("<form class=\"agent-filter\""));
            dashboard
                    .asOperator()
                    .header("HX-Request", "true")
                    .queryParam("minReputation", "9")
                    .get(LIST)
                    .then()
                    .statusCode(400)
                    .header("HX-Redirect", "/dashboard/agents?minReputation=9");
        }

        @Test
        void namesAreEscaped() {
            registry.register("sneaky", "<script>alert(1)</script>", Availability.ONLINE, "python");

            list(Map.of())
                    .statusCode(200)
                    .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
                    .body(not(containsString("<script>alert(1)</script>")));
            dashboard
                    .asOperator()
                    .get(LIST + "/sneaky")
                    .then()
                    .statusCode(200)
                    .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
                    .body(not(containsString("<script>alert(1)</script>")));
        }
    }

    @Nested
    class TheDetail {
        @Test
        void showsProfileLeaseCapacityReputationAndRecentTransactions() {
            registry.register(
                    "python-expert",
                    "Python Expert",
                    Availability.ONLINE,
                    RegistryFixture.PRICE,
                    4,
                    Map.of("region", "eu-west"),
                    "python");
            registry.register("orchestrator", "Orchestrator", Availability.ONLINE, "planning");
            Transaction first = hire("orchestrator", "python-expert", "agents-page-hire-0001");
            Transaction second = hire("orchestrator", "python-expert", "agents-page-hire-0002");
            rate("python-expert", "0.5");

            dashboard
                    .asOperator()
                    .get(LIST + "/python-expert")
                    .then()
                    .statusCode(200)
                    .body(containsString("<dd class=\"price\">1.500000 USDC</dd>"))
                    .body(containsString(
                            "<dt class=\"metadata-key\">region</dt><dd class=\"metadata-value\">eu-west</dd>"))
                    .body(containsString("<dd class=\"declared\">ONLINE</dd>"))
                    .body(containsString("Lease expires"))
                    .body(containsString("<meter min=\"0\" max=\"4\" value=\"2\">"))
                    .body(containsString("<strong>2</strong> of 4 hires in the last hour (50 %)"))
                    .body(containsString("<strong>3.50</strong> of 5"))
                    .body(matchesPattern("(?s).*<span class=\"interval\">\\d\\.\\d\\d – \\d\\.\\d\\d</span>.*"))
                    .body(containsString("<svg class=\"trend-chart\""))
                    .body(containsString("<polyline class=\"trend-line\" points=\""))
                    .body(not(containsString("style=")))
                    .body(containsString(
                            "href=\"/dashboard/transactions/" + first.id().value() + "\""))
                    .body(containsString(
                            "href=\"/dashboard/transactions/" + second.id().value() + "\""))
                    .body(containsString("<td>provider</td><td><a href=\"/dashboard/agents/orchestrator\">"));
        }

        @Test
        void fullCapacityAndALapsedLeaseAreSaid() {
            registry.register("small", "Small", Availability.ONLINE, RegistryFixture.PRICE, 1, Map.of(), "python");
            registry.register("orchestrator", "Orchestrator", Availability.ONLINE, "planning");
            hire("orchestrator", "small", "agents-page-hire-0003");
            registry.lapseHeartbeat("small");

            dashboard
                    .asOperator()
                    .get(LIST + "/small")
                    .then()
                    .statusCode(200)
                    .body(
                            containsString(
                                    "<strong>1</strong> of 1 hires in the last hour (100 %), <strong class=\"full\">full</strong>"))
                    .body(containsString("Lease expired"))
                    .body(
                            containsString(
                                    "<h1>Small <code class=\"agent-id\">small</code> <span class=\"status status-offline\">OFFLINE</span></h1>"));
        }

        @Test
        void newAgentSaysItHasNoEventsNorTransactions() {
            registry.register("fresh", "Fresh", Availability.ONLINE, "python");

            dashboard
                    .asOperator()
                    .get(LIST + "/fresh")
                    .then()
                    .statusCode(200)
                    .body(containsString("No reputation events yet"))
                    .body(containsString("No transactions yet."))
                    .body(not(containsString("<svg")));
        }

        @Test
        void unknownOrImpossibleIdIsNotFound() {
            dashboard.asOperator().get(LIST + "/nobody").then().statusCode(404).body(containsString("No such agent"));
            dashboard.asOperator().get(LIST + "/no%20such%20id").then().statusCode(404);
        }

        @Test
        void deregisteredAgentIsShownAsSuchWithoutActions() {
            registry.register("gone", "Gone", Availability.ONLINE, "python");
            registry.deregister("gone");

            dashboard
                    .asOperator()
                    .get(LIST + "/gone")
                    .then()
                    .statusCode(200)
                    .body(containsString("<span class=\"status status-deregistered\">DEREGISTERED</span>"))
                    .body(containsString("class=\"deregistered-banner\""))
                    .body(not(containsString("action=\"/dashboard/agents/gone/reputation\"")));
        }
    }

    @Nested
    class TheActions {
        @BeforeEach
        void agent() {
            registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");
        }

        @Test
        void operatorAdjustsReputationWithAReasonAndSeesItOnThePage() {
            dashboard
                    .asOperator()
                    .redirects()
                    .follow(false)
                    .formParam("delta", "-0.5")
                    .formParam("reason", "late deliveries")
                    .post(LIST + "/python-expert/reputation")
                    .then()
                    .statusCode(303)
                    .header("Location", endsWith("/dashboard/agents/python-expert?done=adjusted"));

            assertThat(reputation.history(AgentId.of("python-expert")))
                    .singleElement()
                    .extracting(event -> event.cause())
                    .isEqualTo("adjustment -0.5 by operator ops: late deliveries");
            dashboard
                    .asOperator()
                    .get(LIST + "/python-expert?done=adjusted")
                    .then()
                    .body(containsString("<p class=\"notice\" role=\"status\">Reputation adjusted.</p>"))
                    .body(containsString("<strong>2.50</strong> of 5"));
        }

        @Test
        void badAdjustmentIsRefusedBesideItsField() {
            dashboard
                    .asOperator()
                    .formParam("delta", "9")
                    .formParam("reason", "why not")
                    .post(LIST + "/python-expert/reputation")
                    .then()
                    .statusCode(400)
                    .body(containsString("aria-invalid=\"true\" aria-describedby=\"delta-error\""))
                    .body(containsString(
                            "<p class=\"field-error\" id=\"delta-error\">must be non-zero and between -5 and 5"))
                    .body(containsString(">why not</textarea>"));
            dashboard
                    .asOperator()
                    .formParam("delta", "0.5")
                    .formParam("reason", "  ")
                    .post(LIST + "/python-expert/reputation")
                    .then()
                    .statusCode(400)
                    .body(containsString("<p class=\"field-error\" id=\"reason-error\">must not be blank</p>"));
            assertThat(reputation.history(AgentId.of("python-expert"))).isEmpty();
        }

        @Test
        void operatorPutsTheAgentIntoMaintenanceAndBack() {
            dashboard
                    .asOperator()
                    .redirects()
                    .follow(false)
                    .formParam("availability", "MAINTENANCE")
                    .post(LIST + "/python-expert/availability")
                    .then()
                    .statusCode(303)
                    .header("Location", endsWith("?done=maintenance"));
            assertThat(agents.get(AgentId.of("python-expert")).availability()).isEqualTo(Availability.MAINTENANCE);
            dashboard
                    .asOperator()
                    .get(LIST + "/python-expert")
                    .then()
                    .body(containsString("<span class=\"status status-maintenance\">MAINTENANCE</span>"))
                    .body(containsString("Back to ONLINE"));

            dashboard
                    .asOperator()
                    .redirects()
                    .follow(false)
                    .formParam("availability", "ONLINE")
                    .post(LIST + "/python-expert/availability")
                    .then()
                    .statusCode(303);
            assertThat(agents.get(AgentId.of("python-expert")).availability()).isEqualTo(Availability.ONLINE);
            dashboard
                    .asOperator()
                    .formParam("availability", "BUSY")
                    .post(LIST + "/python-expert/availability")
                    .then()
                    .statusCode(400)
                    .body(containsString("must be MAINTENANCE or ONLINE"));
        }

        @Test
        void deregistrationIsConfirmedFirstThenFreezesTheAgent() {
            dashboard
                    .asOperator()
                    .get(LIST + "/python-expert/deregister")
                    .then()
                    .statusCode(200)
                    .body(containsString("cannot be undone"))
                    .body(containsString("<form method=\"post\" action=\"/dashboard/agents/python-expert/deregister\""))
                    .body(containsString("name=\"csrf-token\""));
            assertThat(agents.get(AgentId.of("python-expert")).isDeregistered()).isFalse();

            dashboard
                    .asOperator()
                    .redirects()
                    .follow(false)
                    .post(LIST + "/python-expert/deregister")
                    .then()
                    .statusCode(303)
                    .header("Location", endsWith("?done=deregistered"));
            assertThat(agents.get(AgentId.of("python-expert")).isDeregistered()).isTrue();

            dashboard
                    .asOperator()
                    .post(LIST + "/python-expert/deregister")
                    .then()
                    .statusCode(409)
                    .body(containsString("<p class=\"error\" role=\"alert\">"))
                    .body(containsString("can no longer be changed"));
            dashboard
                    .asOperator()
                    .formParam("availability", "MAINTENANCE")
                    .post(LIST + "/python-expert/availability")
                    .then()
                    .statusCode(409);
        }

        @Test
        void actionsWithoutTheFormTokenAreRefusedAsForgeries() {
            for (String[] action : List.of(
                    new String[] {"reputation", "delta", "1"},
                    new String[] {"availability", "availability", "MAINTENANCE"},
                    new String[] {"deregister", "confirm", "yes"})) {
                dashboard
                        .withoutCsrf(Role.OPERATOR)
                        .formParam(action[1], action[2])
                        .formParam("reason", "forged")
                        .post(LIST + "/python-expert/" + action[0])
                        .then()
                        .statusCode(403)
                        .body(containsString("Form expired"));
            }
            var agent = agents.get(AgentId.of("python-expert"));
            assertThat(agent.availability()).isEqualTo(Availability.ONLINE);
            assertThat(agent.isDeregistered()).isFalse();
            assertThat(reputation.history(AgentId.of("python-expert"))).isEmpty();
        }

        @Test
        void anAdminActsAsAnOperatorDoes() {
            dashboard
                    .asAdmin()
                    .redirects()
                    .follow(false)
                    .formParam("delta", "0.25")
                    .formParam("reason", "admin correction")
                    .post(LIST + "/python-expert/reputation")
                    .then()
                    .statusCode(303);
            assertThat(reputation.history(AgentId.of("python-expert"))).hasSize(1);
        }

        @Test
        void actionsOnAnUnknownAgentAreNotFound() {
            dashboard
                    .asOperator()
                    .formParam("availability", "MAINTENANCE")
                    .post(LIST + "/nobody/availability")
                    .then()
                    .statusCode(404)
                    .body(not(emptyString()));
            dashboard.asOperator().post(LIST + "/nobody/deregister").then().statusCode(404);
            dashboard
                    .asOperator()
                    .formParam("delta", "1")
                    .formParam("reason", "x")
                    .post(LIST + "/nobody/reputation")
                    .then()
                    .statusCode(404);
        }
    }
}
