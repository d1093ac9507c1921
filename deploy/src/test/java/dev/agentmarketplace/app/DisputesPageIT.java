package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.dispute.DisputeStatus;
import dev.agentmarketplace.core.dispute.EvidenceItem;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operators' disputes: the queue (open disputes by the soonest deadline, then resolved ones) in
 * cursor pages, one dispute with its evidence, and the resolve form with its validation beside the
 * fields, behind the CSRF check and the operator role.
 */
@QuarkusTest
class DisputesPageIT {
    private static final String QUEUE = "/dashboard/disputes";
    private static final String PAYER = "orchestrator";
    private static final String PROVIDER = "python-expert";
    private static final AgentId PAYER_ID = AgentId.of(PAYER);
    private static final Pattern ROW = Pattern.compile("data-dispute-id=\"([0-9a-f-]{36})\"");
    private static final String SHA = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

    @Inject
    RegistryFixture registry;

    @Inject
    DashboardClient dashboard;

    @Inject
    ApiTokens tokens;

    @Inject
    Ledger ledger;

    @Inject
    TransactionQueries queries;

    @Inject
    DisputeDesk desk;

    @Inject
    DataSource dataSource;

    private int hires;

    @BeforeEach
    void registerAgents() {
        registry.clear();
        registry.register(PAYER, "Orchestrator", Availability.ONLINE, RegistryFixture.PRICE, 100, Map.of(), "planning");
        registry.register(
                PROVIDER, "Python Expert", Availability.ONLINE, RegistryFixture.PRICE, 100, Map.of(), "python");
    }

    @AfterEach
    void leaveNothingBehind() {
        registry.clear();
    }

    private Transaction hire() {
        return ledger.hire(new HireRequest(
                        PAYER_ID,
                        AgentId.of(PROVIDER),
                        Capability.of("python"),
                        RegistryFixture.PRICE,
                        "write a parser",
                        IdempotencyKey.of("disputes-page-%04d".formatted(++hires))))
                .transaction();
    }

    private Dispute open(String reason, EvidenceItem... evidence) {
        return desk.open(hire().id(), PAYER_ID, reason, List.of(evidence));
    }

    private Dispute resolved() {
        Dispute dispute = open("late");
        return desk.resolve(dispute.id(), "ops", new DisputeOutcome.ProviderUpheld(), "delivered on time");
    }

    private static List<String> rows(Response page) {
        List<String> ids = new ArrayList<>();
        Matcher row = ROW.matcher(page.asString());
        while (row.find()) {
            ids.add(row.group(1));
        }
        return ids;
    }

    private static String path(Dispute dispute) {
        return QUEUE + "/" + dispute.id().value();
    }

    private Dispute stored(Dispute dispute) {
        return desk.get(dispute.id());
    }

    private RequestSpecification resolving() {
        return dashboard.asOperator().redirects().follow(false).formParam("csrf-token", dashboard.csrfToken());
    }

    // --- who may see it --------------------------------------------------------------------------

    @Test
    void anonymousVisitorsAreSentToSignInAndAgentsAreRefused() {
        Dispute dispute = open("nothing arrived");

        for (String page : List.of(QUEUE, path(dispute))) {
            given().redirects()
                    .follow(false)
                    .get(page)
                    .then()
                    .statusCode(303)
                    .header("Location", containsString("/dashboard/sign-in?next="));
            dashboard.asAgent(PAYER).get(page).then().statusCode(403).body(not(containsString("nothing arrived")));
        }
        dashboard
                .asAgent(PAYER)
                .formParam("outcome", "FULL_REFUND")
                .formParam("note", "mine")
                .post(path(dispute) + "/resolution")
                .then()
                .statusCode(403);
        assertThat(stored(dispute).status()).isEqualTo(DisputeStatus.OPEN);
    }

    @Test
    void aResolutionWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        Dispute dispute = open("nothing arrived");

        dashboard
                .withoutCsrf(Role.OPERATOR)
                .redirects()
                .follow(false)
                .formParam("outcome", "FULL_REFUND")
                .formParam("note", "forged")
                .post(path(dispute) + "/resolution")
                .then()
                .statusCode(403);

        assertThat(stored(dispute).status()).isEqualTo(DisputeStatus.OPEN);
    }

    // --- the queue -------------------------------------------------------------------------------

    @Test
    void anEmptyQueueShowsTheEmptyState() {
        dashboard
                .asOperator()
                .get(QUEUE)
                .then()
                .statusCode(200)
                .body(containsString("No disputes."))
                .body(not(containsString("<table class=\"disputes\"")));
        dashboard
                .asOperator()
                .get(QUEUE + "?status=RESOLVED")
                .then()
                .statusCode(200)
                .body(containsString("No disputes in this status."));
    }

    @Test
    void theQueueShowsOpenDisputesSoonestDeadlineFirstThenResolvedOnes() {
        Dispute done = resolved();
        Dispute first = open("first");
        Dispute second = open("second");

        Response page = dashboard.asOperator().get(QUEUE);

        page.then()
                .statusCode(200)
                .body(containsString("href=\"/dashboard/transactions/"
                        + first.transactionId().value() + "\""))
                .body(containsString("href=\"/dashboard/agents/" + PROVIDER + "\""));
        assertThat(rows(page))
                .containsExactly(
                        first.id().value(), second.id().value(), done.id().value());
        assertThat(rows(dashboard.asOperator().get(QUEUE + "?status=OPEN")))
                .containsExactly(first.id().value(), second.id().value());
        assertThat(rows(dashboard.asOperator().get(QUEUE + "?status=resolved")))
                .containsExactly(done.id().value());
    }

    @Test
    void aLongQueueIsPagedByCursorWithoutSkippingOrRepeating() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            expected.add(open("dispute " + i).id().value());
        }

        Response first = dashboard.asOperator().get(QUEUE + "?status=OPEN");
        Matcher next = Pattern.compile("rel=\"next\" href=\"([^\"]+)\"").matcher(first.asString());
        assertThat(next.find()).isTrue();
        String nextPage = next.group(1).replace("&amp;", "&");
        assertThat(nextPage).startsWith(QUEUE + "?status=OPEN&cursor=");
        Response second = dashboard.asOperator().get(nextPage);
        List<String> seen = new ArrayList<>(rows(first));
        seen.addAll(rows(second));

        assertThat(rows(first)).hasSize(50);
        assertThat(seen).containsExactlyElementsOf(expected);
        second.then().body(not(containsString("rel=\"next\"")));
    }

    @Test
    void aStatusThatIsNoneIsA400BesideTheFieldAndABadCursorA400WithAMessage() {
        open("nothing arrived");

        dashboard
                .asOperator()
                .get(QUEUE + "?status=LOST")
                .then()
                .statusCode(400)
                .body(containsString("<p class=\"field-error\" id=\"status-error\">"))
                .body(containsString("aria-invalid=\"true\" aria-describedby=\"status-error\""))
                .body(not(containsString("data-dispute-id")));
        dashboard
                .asOperator()
                .header("HX-Request", "true")
                .get(QUEUE + "?status=LOST")
                .then()
                .statusCode(400)
                .header("HX-Redirect", endsWith(QUEUE + "?status=LOST"));
        dashboard
                .asOperator()
                .get(QUEUE + "?cursor=garbage")
                .then()
                .statusCode(400)
                .body(containsString("<p class=\"error\" role=\"alert\">"));
    }

    @Test
    void anHtmxRequestGetsOnlyTheResults() {
        Dispute dispute = open("nothing arrived");

        dashboard
                .asOperator()
                .header("HX-Request", "true")
                .get(QUEUE + "?status=OPEN")
                .then()
                .statusCode(200)
                .body(containsString("<section id=\"results\""))
                .body(containsString(dispute.id().value()))
                .body(not(containsString("<form class=\"filters\"")));
    }

    // --- one dispute -----------------------------------------------------------------------------

    @Test
    void aDisputeShowsItsReasonPartiesDeadlineAndEvidenceWithItsChecksum() {
        Dispute dispute = open(
                "the parser <b>crashes</b>",
                new EvidenceItem.Text("javascript:alert(1)"),
                EvidenceItem.Link.of("https://logs.example.org/run?id=7&view=full"),
                new EvidenceItem.Checksum(SHA));

        dashboard
                .asOperator()
                .get(path(dispute))
                .then()
                .statusCode(200)
                .body(containsString("the parser &lt;b&gt;crashes&lt;/b&gt;"))
                .body(containsString("href=\"/dashboard/agents/" + PAYER + "\""))
                .body(containsString("<time datetime=\"" + dispute.deadline() + "\" id=\"deadline\">"))
                .body(containsString("<code class=\"hash checksum\">" + SHA.toLowerCase() + "</code>"))
                .body(containsString("<a href=\"https://logs.example.org/run?id=7&amp;view=full\""
                        + " rel=\"noopener noreferrer nofollow\""))
                .body(containsString("<span class=\"paragraph\">javascript:alert(1)</span>"))
                .body(not(containsString("href=\"javascript:")))
                .body(containsString(
                        "action=\"/dashboard/disputes/" + dispute.id().value() + "/resolution\""))
                .body(containsString("name=\"csrf-token\""));
    }

    @Test
    void anOperatorResolvesWithAFullRefundAndTheDisputeShowsItsResolution() {
        Dispute dispute = open("nothing arrived");

        resolving()
                .formParam("outcome", "FULL_REFUND")
                .formParam("note", "no delivery in 3 days")
                .post(path(dispute) + "/resolution")
                .then()
                .statusCode(303)
                .header("Location", endsWith(path(dispute)));

        assertThat(stored(dispute).status()).isEqualTo(DisputeStatus.RESOLVED);
        assertThat(queries.get(dispute.transactionId()).transaction().state()).isEqualTo(TransactionState.RESOLVED);
        dashboard
                .asOperator()
                .get(path(dispute))
                .then()
                .statusCode(200)
                .body(containsString("<dd id=\"outcome\">full refund</dd>"))
                .body(containsString("<dd id=\"decided-by\">operator ops</dd>"))
                .body(containsString("no delivery in 3 days"))
                .body(not(containsString("/resolution\"")));
    }

    @Test
    void aPartialRefundIsInTheTransactionsCurrency() {
        Dispute dispute = open("half of it");

        resolving()
                .formParam("outcome", "PARTIAL_REFUND")
                .formParam("refund", "0.50")
                .formParam("note", "half delivered")
                .post(path(dispute) + "/resolution")
                .then()
                .statusCode(303);

        assertThat(stored(dispute).resolution().orElseThrow().outcome())
                .isEqualTo(new DisputeOutcome.PartialRefund(Money.of("0.50", "USDC")));
        dashboard
                .asOperator()
                .get(path(dispute))
                .then()
                .body(containsString("<dd id=\"outcome\">partial refund: 0.500000 USDC refunded</dd>"));
    }

    @Test
    void everyRefusedFieldIsShownBesideItselfAndNothingIsResolved() {
        Dispute dispute = open("nothing arrived");
        String resolution = path(dispute) + "/resolution";

        resolving()
                .formParam("note", " ")
                .post(resolution)
                .then()
                .statusCode(400)
                .body(containsString("<p class=\"field-error\" id=\"outcome-error\">"))
                .body(containsString("<p class=\"field-error\" id=\"note-error\">"))
                .body(not(containsString("id=\"refund-error\"")));
        resolving()
                .formParam("outcome", "PARTIAL_REFUND")
                .formParam("note", "half")
                .post(resolution)
                .then()
                .statusCode(400)
                .body(containsString("<p class=\"field-error\" id=\"refund-error\">"))
                .body(containsString("aria-describedby=\"refund-error\""));
        resolving()
                .formParam("outcome", "FULL_REFUND")
                .formParam("refund", "0.50")
                .formParam("note", "all")
                .post(resolution)
                .then()
                .statusCode(400)
                .body(containsString("id=\"refund-error\""));
        resolving()
                .formParam("outcome", "PARTIAL_REFUND")
                .formParam("refund", "2.00")
                .formParam("note", "more than paid")
                .post(resolution)
                .then()
                .statusCode(400)
                .body(containsString("id=\"refund-error\""))
                .body(containsString("less than 1.500000 USDC"));
        resolving()
                .formParam("outcome", "PARTIAL_REFUND")
                .formParam("refund", "a lot")
                .formParam("note", "typed badly")
                .post(resolution)
                .then()
                .statusCode(400)
                .body(containsString("id=\"refund-error\""))
                .body(containsString("value=\"a lot\""));
        resolving()
                .formParam("outcome", "SPLIT")
                .formParam("note", "x")
                .post(resolution)
                .then()
                .statusCode(400)
                .body(containsString("id=\"outcome-error\""));

        assertThat(stored(dispute).status()).isEqualTo(DisputeStatus.OPEN);
    }

    @Test
    void aNoteWithABidiControlIsRefusedBesideTheNoteAndNeverRenderedRaw() {
        Dispute dispute = open("nothing arrived");

        // As a browser sends a form: UTF-8, so the character arrives as itself.
        resolving()
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("outcome", "FULL_REFUND")
                .formParam("note", "refund \u202Eevil")
                .post(path(dispute) + "/resolution")
                .then()
                .statusCode(400)
                .body(containsString("id=\"note-error\""))
                .body(containsString("U+202E"))
                .body(not(containsString("\u202E")));
        assertThat(stored(dispute).status()).isEqualTo(DisputeStatus.OPEN);
    }

    @Test
    void aResolvedDisputeOffersNoFormAndASecondResolutionIsA409() {
        Dispute dispute = resolved();

        dashboard
                .asOperator()
                .get(path(dispute))
                .then()
                .statusCode(200)
                .body(containsString("<dd id=\"outcome\">provider upheld</dd>"))
                .body(not(containsString("/resolution\"")));
        resolving()
                .formParam("outcome", "FULL_REFUND")
                .formParam("note", "again")
                .post(path(dispute) + "/resolution")
                .then()
                .statusCode(409)
                .body(containsString("<p class=\"error\" role=\"alert\">"))
                .body(containsString("it is RESOLVED"));
        assertThat(stored(dispute).resolution().orElseThrow().outcome()).isEqualTo(new DisputeOutcome.ProviderUpheld());
    }

    @Test
    void anOpenDisputePastItsDeadlineIsMarkedAndComesFirstInTheQueue() throws SQLException {
        Dispute fresh = open("fresh");
        Dispute overdue = open("overdue");
        Instant past = Instant.now().minus(Duration.ofDays(1));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update =
                        connection.prepareStatement("UPDATE dispute SET opened_at = ?, deadline = ? WHERE id = ?")) {
            update.setTimestamp(1, Timestamp.from(past.minus(Duration.ofHours(72))));
            update.setTimestamp(2, Timestamp.from(past));
            update.setString(3, overdue.id().value());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        assertThat(rows(dashboard.asOperator().get(QUEUE)))
                .containsExactly(overdue.id().value(), fresh.id().value());
        dashboard
                .asOperator()
                .get(path(overdue))
                .then()
                .body(containsString("<span class=\"overdue\">past its deadline</span>"));
        dashboard.asOperator().get(path(fresh)).then().body(not(containsString("past its deadline")));
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        dashboard
                .asOperator()
                .get(QUEUE + "/00000000-0000-4000-8000-000000000099")
                .then()
                .statusCode(404)
                .body(containsString("No dispute has this id."));
        dashboard.asOperator().get(QUEUE + "/nope").then().statusCode(404);
        resolving()
                .formParam("outcome", "FULL_REFUND")
                .formParam("note", "x")
                .post(QUEUE + "/00000000-0000-4000-8000-000000000099/resolution")
                .then()
                .statusCode(404);
    }

    @Test
    void aDeregisteredPartyIsMarkedInTheQueueAndARegisteredOneIsNot() {
        registry.register(
                "translator", "Translator", Availability.ONLINE, RegistryFixture.PRICE, 100, Map.of(), "python");
        Dispute withGone = open("nothing arrived");
        Transaction other = ledger.hire(new HireRequest(
                        PAYER_ID,
                        AgentId.of("translator"),
                        Capability.of("python"),
                        RegistryFixture.PRICE,
                        "translate the manual",
                        IdempotencyKey.of("disputes-page-other")))
                .transaction();
        Dispute withoutGone = desk.open(other.id(), PAYER_ID, "half of it", List.of());
        registry.deregister(PROVIDER);

        for (Response page : List.of(
                dashboard.asOperator().get(QUEUE),
                dashboard.asOperator().header("HX-Request", "true").get(QUEUE))) {
            page.then().statusCode(200);
            assertThat(row(page, withGone))
                    .contains(">" + PROVIDER + "</a> <span class=\"deregistered\">deregistered</span></td>")
                    .contains(">" + PAYER + "</a></td>");
            assertThat(row(page, withoutGone)).doesNotContain("deregistered");
        }
    }

    /** The HTML of the dispute's row in the queue, from its opening tag to its closing one. */
    private static String row(Response page, Dispute dispute) {
        String html = page.asString();
        int start = html.indexOf("<tr data-dispute-id=\"" + dispute.id().value() + "\"");
        assertThat(start).as("row of " + dispute.id()).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    @Test
    void aDisputeOpenedThroughTheApiIsInTheQueue() {
        Transaction tx = hire();
        String id = tokens.asAgent(PAYER)
                .contentType("application/json")
                .body(Map.of(
                        "transactionId",
                        tx.id().value(),
                        "reason",
                        "opened over the API",
                        "evidence",
                        List.of(Map.of("kind", "SHA256", "value", SHA))))
                .post("/api/v1/disputes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        assertThat(rows(dashboard.asOperator().get(QUEUE))).containsExactly(id);
    }
}
