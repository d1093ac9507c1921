package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.x402.client.PaymentHeader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operators' transactions: the filtered list newest first in cursor pages, one transaction in
 * full (parties, timeline, journal, x402 payment, signed receipt), and exactly the moves the ledger
 * allows an operator, as POST forms behind the CSRF check.
 */
@QuarkusTest
class TransactionsPageIT {
    private static final String LIST = "/dashboard/transactions";
    private static final String PAYER = "orchestrator";
    private static final String PROVIDER = "python-expert";
    private static final String OTHER = "translator";
    private static final Pattern ROW = Pattern.compile("data-transaction-id=\"([0-9a-f-]{36})\"");

    @Inject
    RegistryFixture registry;

    @Inject
    DashboardClient dashboard;

    @Inject
    Ledger ledger;

    @Inject
    TransactionQueries queries;

    @Inject
    DisputeDesk desk;

    @Inject
    ApiTokens tokens;

    private int hires;

    @BeforeEach
    void registerAgents() {
        registry.clear();
        registry.register(PAYER, "Orchestrator", Availability.ONLINE, RegistryFixture.PRICE, 100, Map.of(), "planning");
        registry.register(
                PROVIDER, "Python Expert", Availability.ONLINE, RegistryFixture.PRICE, 100, Map.of(), "python", "rust");
        registry.register(
                OTHER, "Translator", Availability.ONLINE, RegistryFixture.PRICE, 100, Map.of(), "translation");
    }

    @AfterEach
    void leaveNothingBehind() {
        registry.clear();
    }

    private Transaction hire(String payer, String provider, String capability, String context) {
        return ledger.hire(new HireRequest(
                        AgentId.of(payer),
                        AgentId.of(provider),
                        Capability.of(capability),
                        RegistryFixture.PRICE,
                        context,
                        IdempotencyKey.of("transactions-page-%04d".formatted(++hires))))
                .transaction();
    }

    private Transaction hire() {
        return hire(PAYER, PROVIDER, "python", "write a parser");
    }

    private static List<String> rows(Response page) {
        List<String> ids = new ArrayList<>();
        Matcher row = ROW.matcher(page.asString());
        while (row.find()) {
            ids.add(row.group(1));
        }
        return ids;
    }

    private List<String> listed(String query) {
        Response page = dashboard.asOperator().get(LIST + query);
        page.then().statusCode(200);
        return rows(page);
    }

    private static String detail(Transaction tx) {
        return LIST + "/" + tx.id().value();
    }

    private TransactionState stateOf(Transaction tx) {
        return queries.get(tx.id()).transaction().state();
    }

    // --- who may see it --------------------------------------------------------------------------

    @Test
    void anonymousVisitorsAreSentToSignInFromTheListTheDetailAndTheActions() {
        Transaction tx = hire();

        for (String path : List.of(LIST, detail(tx))) {
            given().redirects()
                    .follow(false)
                    .get(path)
                    .then()
                    .statusCode(303)
                    .header("Location", containsString("/dashboard/sign-in?next="))
                    .body(not(containsString(tx.id().value())));
        }
        given().redirects()
                .follow(false)
                .post(detail(tx) + "/cancellation")
                .then()
                .statusCode(303);
        assertThat(stateOf(tx)).isEqualTo(TransactionState.PENDING);
    }

    @Test
    void anAgentsTokenIsRefusedThePagesAndTheActions() {
        Transaction tx = hire();

        dashboard
                .asAgent(PAYER)
                .get(LIST)
                .then()
                .statusCode(403)
                .body(not(containsString(tx.id().value())));
        dashboard.asAgent(PAYER).get(detail(tx)).then().statusCode(403);
        dashboard.asAgent(PAYER).post(detail(tx) + "/cancellation").then().statusCode(403);
        assertThat(stateOf(tx)).isEqualTo(TransactionState.PENDING);
    }

    @Test
    void aSettlementWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        Transaction tx = hire();

        dashboard
                .withoutCsrf(Role.OPERATOR)
                .redirects()
                .follow(false)
                .formParam("reference", "forged")
                .post(detail(tx) + "/settlement")
                .then()
                .statusCode(403);

        assertThat(stateOf(tx)).isEqualTo(TransactionState.PENDING);
    }

    // --- the list --------------------------------------------------------------------------------

    @Test
    void anEmptyMarketShowsTheEmptyState() {
        dashboard
                .asOperator()
                .get(LIST)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("No transactions match these filters."))
                .body(not(containsString("<table class=\"transactions\"")))
                .body(not(containsString("rel=\"next\"")));
    }

    @Test
    void theListIsNewestFirstWithLinksToTheTransactionAndItsParties() {
        Transaction first = hire();
        Transaction second = hire(PAYER, OTHER, "translation", "translate");

        Response page = dashboard.asOperator().get(LIST);

        page.then()
                .statusCode(200)
                .body(containsString(
                        "href=\"/dashboard/transactions/" + first.id().value() + "\""))
                .body(containsString("href=\"/dashboard/agents/" + OTHER + "\""))
                .body(containsString("1.500000 USDC"))
                .body(not(containsString("No transactions match")));
        assertThat(rows(page)).containsExactly(second.id().value(), first.id().value());
    }

    @Test
    void eachFilterAloneAndAllTogetherSelectTheirTransactions() {
        Transaction python = hire();
        Transaction rust = hire(PAYER, PROVIDER, "rust", "port it");
        Transaction translation = hire(PROVIDER, OTHER, "translation", "translate");
        ledger.settle(rust.id(), Actor.operator("ops"), Optional.empty());
        Instant afterTwo = queries.get(translation.id()).transaction().createdAt();

        assertThat(listed("?state=SETTLED")).containsExactly(rust.id().value());
        assertThat(listed("?state=pending"))
                .containsExactly(translation.id().value(), python.id().value());
        assertThat(listed("?capability=python")).containsExactly(python.id().value());
        assertThat(listed("?agent=" + PROVIDER + "&role=payer"))
                .containsExactly(translation.id().value());
        assertThat(listed("?agent=" + PROVIDER + "&role=provider"))
                .containsExactly(rust.id().value(), python.id().value());
        assertThat(listed("?agent=" + PROVIDER))
                .containsExactly(
                        translation.id().value(), rust.id().value(), python.id().value());
        assertThat(listed("?to=" + afterTwo))
                .containsExactly(rust.id().value(), python.id().value());
        assertThat(listed("?from=" + afterTwo)).containsExactly(translation.id().value());
        assertThat(listed("?agent=" + PROVIDER + "&role=provider&state=SETTLED&capability=rust&to="
                        + afterTwo.plusSeconds(1)))
                .containsExactly(rust.id().value());
        assertThat(listed("?agent=" + OTHER + "&state=SETTLED")).isEmpty();
    }

    @Test
    void aLocalDateTimeFromTheFormIsReadAsUtc() {
        Transaction tx = hire();
        Instant created = queries.get(tx.id()).transaction().createdAt();
        String minuteBefore = created.truncatedTo(ChronoUnit.MINUTES).toString().replace("Z", "");

        assertThat(listed("?from=" + minuteBefore)).containsExactly(tx.id().value());
        assertThat(listed("?to=" + minuteBefore)).isEmpty();
    }

    @Test
    void longListsArePagedByCursorWithoutSkippingOrRepeatingAndKeepTheFilter() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 52; i++) {
            expected.addFirst(hire().id().value());
        }
        hire(PAYER, OTHER, "translation", "not python");

        Response first = dashboard.asOperator().get(LIST + "?capability=python");
        List<String> seen = new ArrayList<>(rows(first));
        Matcher next = Pattern.compile("rel=\"next\" href=\"([^\"]+)\"").matcher(first.asString());
        assertThat(next.find()).isTrue();
        String nextPage = next.group(1).replace("&amp;", "&");
        assertThat(nextPage).startsWith(LIST + "?capability=python&cursor=");
        Response second = dashboard.asOperator().get(nextPage);
        seen.addAll(rows(second));

        assertThat(rows(first)).hasSize(50);
        assertThat(seen).containsExactlyElementsOf(expected);
        second.then().body(not(containsString("rel=\"next\"")));
    }

    @Test
    void badFilterValuesAreAnsweredWithTheirMessagesBesideTheirFields() {
        hire();

        dashboard
                .asOperator()
                .get(LIST + "?state=LOST&from=yesterday&agent=not an id&role=boss")
                .then()
                .statusCode(400)
                .body(containsString("<p class=\"field-error\" id=\"state-error\">"))
                .body(containsString("<p class=\"field-error\" id=\"from-error\">"))
                .body(containsString("<p class=\"field-error\" id=\"agent-error\">"))
                .body(containsString("<p class=\"field-error\" id=\"role-error\">"))
                .body(containsString("aria-invalid=\"true\" aria-describedby=\"state-error\""))
                .body(not(containsString("id=\"capability-error\"")))
                .body(not(containsString("data-transaction-id")));
        dashboard
                .asOperator()
                .get(LIST + "?from=2026-12-01T00:00&to=2026-11-01T00:00")
                .then()
                .statusCode(400)
                .body(containsString("id=\"to-error\""));
    }

    @Test
    void aCursorThisPageDidNotIssueIsA400WithAMessage() {
        dashboard
                .asOperator()
                .get(LIST + "?cursor=bm90LWEtY3Vyc29y")
                .then()
                .statusCode(400)
                .body(containsString("<p class=\"error\" role=\"alert\">"))
                .body(containsString("no longer valid"));
    }

    @Test
    void anHtmxRequestGetsOnlyTheResultsAndABadOneIsSentToTheWholePage() {
        Transaction tx = hire();

        dashboard
                .asOperator()
                .header("HX-Request", "true")
                .get(LIST + "?state=PENDING")
                .then()
                .statusCode(200)
                .body(containsString("<section id=\"results\""))
                .body(containsString(tx.id().value()))
                .body(not(containsString("<form class=\"filters\"")))
                .body(not(containsString("<html")));
        dashboard
                .asOperator()
                .header("HX-Request", "true")
                .header("HX-History-Restore-Request", "true")
                .get(LIST + "?state=PENDING")
                .then()
                .statusCode(200)
                .body(containsString("<form class=\"filters\""));
        dashboard
                .asOperator()
                .header("HX-Request", "true")
                .get(LIST + "?state=LOST")
                .then()
                .statusCode(400)
                .header("HX-Redirect", endsWith(LIST + "?state=LOST"));
    }

    @Test
    void typedValuesAndStoredTextAreEscapedAndBidiCharactersAreNeverRenderedRaw() {
        Transaction tx = hire(PAYER, PROVIDER, "python", "<script>alert('x')</script> & more");

        dashboard
                .asOperator()
                .get(detail(tx))
                .then()
                .statusCode(200)
                .body(containsString("&lt;script&gt;alert("))
                .body(not(containsString("<script>alert(")));
        dashboard
                .asOperator()
                .urlEncodingEnabled(true)
                .queryParam("capability", "py\u202Ethon\"><b>")
                .get(LIST)
                .then()
                .statusCode(400)
                .body(containsString("id=\"capability-error\""))
                .body(containsString("U+202E"))
                .body(not(containsString("\u202E")))
                .body(not(containsString("\"><b>")));
    }

    // --- one transaction -------------------------------------------------------------------------

    @Test
    void aPendingHireShowsItsPartiesTimelineAndHoldAndOffersSettleAndCancel() {
        Transaction tx = hire();

        dashboard
                .asOperator()
                .get(detail(tx))
                .then()
                .statusCode(200)
                .body(containsString("<title>Transaction " + tx.id().value()))
                .body(containsString("href=\"/dashboard/agents/" + PAYER + "\""))
                .body(containsString("href=\"/dashboard/agents/" + PROVIDER + "\""))
                .body(containsString("1.500000 USDC"))
                .body(containsString("by agent " + PAYER + ": <span class=\"paragraph\">hired</span>"))
                .body(containsString("<code>agent:" + PAYER + "</code>"))
                .body(containsString("<code>escrow</code>"))
                .body(containsString(
                        "action=\"/dashboard/transactions/" + tx.id().value() + "/settlement\""))
                .body(containsString(
                        "action=\"/dashboard/transactions/" + tx.id().value() + "/cancellation\""))
                .body(containsString("name=\"csrf-token\""))
                .body(containsString("id=\"no-payment\""))
                .body(containsString("id=\"no-receipt\""));
    }

    @Test
    void aSettledHireShowsItsSignedReceiptAndOffersNoMove() {
        Transaction tx = hire();
        ledger.settle(tx.id(), Actor.agent(AgentId.of(PAYER)), Optional.of("wire-4711"));

        dashboard
                .asOperator()
                .get(detail(tx))
                .then()
                .statusCode(200)
                .body(containsString("id=\"receipt\""))
                .body(containsString("<dd id=\"receipt-paid\">1.500000 USDC</dd>"))
                .body(containsString("<dd id=\"receipt-refunded\">0.000000 USDC</dd>"))
                .body(containsString("<dd id=\"receipt-method\">off-chain</dd>"))
                .body(containsString("<code>wire-4711</code>"))
                .body(matchesPattern("(?s).*id=\"receipt-signature\">0x[0-9a-f]{130}<.*"))
                .body(matchesPattern("(?s).*id=\"receipt-signer\">0x[0-9a-fA-F]{40}<.*"))
                .body(containsString("id=\"no-actions\""))
                .body(not(containsString("/settlement\"")))
                .body(not(containsString("/cancellation\"")));
    }

    @Test
    void aDisputedHireOffersOnlyItsResolutionThroughTheDisputePage() {
        Transaction tx = hire();
        var dispute = desk.open(tx.id(), AgentId.of(PAYER), "nothing arrived", List.of());

        dashboard
                .asOperator()
                .get(detail(tx))
                .then()
                .statusCode(200)
                .body(containsString(
                        "href=\"/dashboard/disputes/" + dispute.id().value() + "#resolve\""))
                .body(not(containsString("/settlement\"")))
                .body(not(containsString("/cancellation\"")));
    }

    @Test
    void anOperatorSettlesAPendingHireAndIsShownItSettled() {
        Transaction tx = hire();

        dashboard
                .asOperator()
                .redirects()
                .follow(false)
                .formParam("csrf-token", dashboard.csrfToken())
                .formParam("reference", "bank-ref-1")
                .post(detail(tx) + "/settlement")
                .then()
                .statusCode(303)
                .header("Location", endsWith(detail(tx)));

        Transaction settled = queries.get(tx.id()).transaction();
        assertThat(settled.state()).isEqualTo(TransactionState.SETTLED);
        assertThat(settled.settlementReference()).contains("bank-ref-1");
        assertThat(settled.timeline().getLast().actor()).isEqualTo(Actor.operator("ops"));
        dashboard.asOperator().get(detail(tx)).then().body(containsString("id=\"receipt\""));
    }

    @Test
    void anOperatorCancelsAPendingHire() {
        Transaction tx = hire();

        dashboard
                .asOperator()
                .redirects()
                .follow(false)
                .post(detail(tx) + "/cancellation")
                .then()
                .statusCode(303);

        assertThat(stateOf(tx)).isEqualTo(TransactionState.CANCELLED);
    }

    @Test
    void aMoveTheStateMachineRefusesIsA409WithTheLedgersMessage() {
        Transaction tx = hire();
        ledger.cancel(tx.id(), Actor.operator("ops"));

        dashboard
                .asOperator()
                .redirects()
                .follow(false)
                .post(detail(tx) + "/settlement")
                .then()
                .statusCode(409)
                .body(containsString("<p class=\"error\" role=\"alert\">"))
                .body(containsString("it is CANCELLED"));
        assertThat(stateOf(tx)).isEqualTo(TransactionState.CANCELLED);
    }

    @Test
    void aSettlementReferenceTooLongIsShownBesideItsField() {
        Transaction tx = hire();

        dashboard
                .asOperator()
                .redirects()
                .follow(false)
                .formParam("reference", "r".repeat(300))
                .post(detail(tx) + "/settlement")
                .then()
                .statusCode(400)
                .body(containsString("<p class=\"field-error\" id=\"reference-error\">"))
                .body(containsString("aria-describedby=\"reference-error\""));
        assertThat(stateOf(tx)).isEqualTo(TransactionState.PENDING);
    }

    @Test
    void unknownAndMalformedIdsAreNotFoundWithoutRepeatingThem() {
        dashboard
                .asOperator()
                .get(LIST + "/00000000-0000-4000-8000-000000000099")
                .then()
                .statusCode(404)
                .body(containsString("No transaction has this id."));
        dashboard
                .asOperator()
                .get(LIST + "/%E2%80%AEnot-an-id")
                .then()
                .statusCode(404)
                .body(allOf(not(containsString("\u202E")), not(containsString("not-an-id"))));
        dashboard
                .asOperator()
                .redirects()
                .follow(false)
                .post(LIST + "/00000000-0000-4000-8000-000000000099/cancellation")
                .then()
                .statusCode(404);
    }

    @Test
    void aDeregisteredPartyIsShownAsSuch() {
        Transaction tx = hire();
        ledger.cancel(tx.id(), Actor.operator("ops"));
        registry.deregister(PROVIDER);

        dashboard
                .asOperator()
                .get(detail(tx))
                .then()
                .statusCode(200)
                .body(matchesPattern("(?s).*id=\"provider\">.*<span class=\"deregistered\">deregistered</span>.*"))
                .body(not(matchesPattern("(?s).*id=\"payer\">[^\n]*deregistered.*")));
    }

    @Test
    void aDeregisteredPartyIsMarkedInTheListRowsAndARegisteredOneIsNot() {
        Transaction withGone = hire(PAYER, PROVIDER, "python", "write a parser");
        Transaction withoutGone = hire(PAYER, OTHER, "translation", "translate the manual");
        registry.deregister(PROVIDER);

        for (Response page : List.of(
                dashboard.asOperator().get(LIST),
                dashboard.asOperator().header("HX-Request", "true").get(LIST))) {
            page.then().statusCode(200);
            String marked = row(page, withGone);
            assertThat(marked)
                    .contains(">" + PROVIDER + "</a> <span class=\"deregistered\">deregistered</span></td>")
                    .contains(">" + PAYER + "</a></td>");
            assertThat(row(page, withoutGone)).doesNotContain("deregistered");
        }
    }

    /** The HTML of the transaction's row in the list, from its opening tag to its closing one. */
    private static String row(Response page, Transaction tx) {
        String html = page.asString();
        int start = html.indexOf("<tr data-transaction-id=\"" + tx.id().value() + "\"");
        assertThat(start).as("row of " + tx.id()).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    @Test
    void aHireWhoseX402PaymentIsStillToSettleShowsThePaymentAndNoHandMove() {
        String path = "/api/v1/agents/" + PROVIDER + "/hires";
        Map<String, String> body = Map.of("capability", "python", "context", "refactor billing");
        Response challenge =
                tokens.asAgent(PAYER).contentType("application/json").body(body).post(path);
        challenge.then().statusCode(402);
        PaymentHeader payment = TestPayer.payV2(challenge);
        String id = tokens.asAgent(PAYER)
                .contentType("application/json")
                .body(body)
                .header(payment.name(), payment.value())
                .header("Idempotency-Key", "transactions-page-paid-0001")
                .post(path)
                .then()
                .statusCode(202)
                .extract()
                .path("transaction.id");

        dashboard
                .asOperator()
                .get(LIST + "/" + id)
                .then()
                .statusCode(200)
                .body(containsString("<span class=\"payment-state payment-pending\">PENDING</span>"))
                .body(containsString("<dd id=\"payment-attempts\">0</dd>"))
                .body(containsString("<dd id=\"payment-chain-transaction\">none yet</dd>"))
                .body(containsString("<code>eip155:84532</code>"))
                .body(containsString("Its x402 payment decides how this hire ends"))
                .body(not(containsString("/settlement\"")))
                .body(not(containsString("/cancellation\"")));
        dashboard
                .asOperator()
                .redirects()
                .follow(false)
                .post(LIST + "/" + id + "/settlement")
                .then()
                .statusCode(409)
                .body(containsString("payment is still being settled"));
    }
}
