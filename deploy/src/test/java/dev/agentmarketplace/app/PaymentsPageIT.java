package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.payment.PaymentState;
import dev.agentmarketplace.core.payment.SettlementOutbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The payments page: the outbox by state, reconciliation, stale paid hires, signed exports and their check. */
@QuarkusTest
class PaymentsPageIT {
    private static final String PAGE = "/dashboard/payments";
    private static final String HASH = "0x" + "ab".repeat(32);

    @Inject
    PaymentsFixture fixture;

    @Inject
    DashboardClient dashboard;

    @Inject
    TransactionQueries queries;

    @BeforeEach
    void market() {
        fixture.reset(100);
    }

    @AfterEach
    void leaveNothingBehind() {
        fixture.clear();
    }

    private PaymentState stateOf(TransactionId id) {
        return fixture.payments().findByTransaction(id).orElseThrow().state();
    }

    private TransactionState hireStateOf(TransactionId id) {
        return queries.get(id).transaction().state();
    }

    @Test
    void anonymousVisitorIsSentToSignIn() {
        given().redirects()
                .follow(false)
                .get(PAGE + "?view=pending")
                .then()
                .statusCode(303)
                .header("Location", containsString("/dashboard/sign-in?next=%2Fdashboard%2Fpayments"));
    }

    @Test
    void agentIsRefusedThePageAndItsActions() {
        TransactionId id = fixture.outcomeUnknown();

        dashboard
                .asAgent(PaymentsFixture.PAYER)
                .get(PAGE)
                .then()
                .statusCode(403)
                .body(not(containsString(id.value())));
        dashboard
                .asAgent(PaymentsFixture.PAYER)
                .formParam("chainTransaction", HASH)
                .post(PAGE + "/" + id + "/settle")
                .then()
                .statusCode(403);
        assertThat(stateOf(id)).isEqualTo(PaymentState.OUTCOME_UNKNOWN);
    }

    @Test
    void emptyOutboxSaysSo() {
        dashboard
                .asOperator()
                .get(PAGE)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Outcome unknown"))
                .body(containsString("No payments here."));
    }

    @Test
    void paymentWhoseOutcomeIsUnknownIsListedWithItsReconciliationForms() {
        TransactionId id = fixture.outcomeUnknown();

        for (var staff : List.of(dashboard.asOperator(), dashboard.asAdmin())) {
            staff.get(PAGE)
                    .then()
                    .statusCode(200)
                    .body(containsString("data-transaction-id=\"" + id + "\" data-state=\"OUTCOME_UNKNOWN\""))
                    .body(containsString("no answer after 10 attempts: 504 Gateway Timeout"))
                    .body(containsString("1.500000 USDC"))
                    .body(containsString("action=\"/dashboard/payments/" + id + "/settle\""))
                    .body(containsString("action=\"/dashboard/payments/" + id + "/cancel\""))
                    .body(containsString("name=\"csrf-token\""));
        }
    }

    /** A facilitator's error is text from outside: a bidi override in it is shown as its code point. */
    @Test
    void facilitatorsErrorIsShownWithoutItsControlCharacters() {
        fixture.outcomeUnknown("gateway said \u202Etuoemit");

        dashboard
                .asOperator()
                .get(PAGE)
                .then()
                .statusCode(200)
                .body(containsString("gateway said U+202Etuoemit"))
                .body(not(containsString("\u202E")));
    }

    @Test
    void recordingTheChainTransactionSettlesThePaymentAndTheHire() {
        TransactionId id = fixture.outcomeUnknown();

        dashboard
                .asOperator()
                .formParam("chainTransaction", HASH.toUpperCase().replace("0X", "0x"))
                .formParam("view", "unknown")
                .post(PAGE + "/" + id + "/settle")
                .then()
                .statusCode(200)
                .body(containsString("class=\"notice\""))
                .body(containsString("recorded as settled by " + HASH))
                .body(not(containsString("data-transaction-id=\"" + id + "\"")));

        assertThat(stateOf(id)).isEqualTo(PaymentState.SETTLED);
        assertThat(fixture.payments().findByTransaction(id).orElseThrow().facilitatorTransaction())
                .contains(HASH);
        assertThat(hireStateOf(id)).isEqualTo(TransactionState.SETTLED);
        dashboard
                .asOperator()
                .get(PAGE + "?view=settled")
                .then()
                .statusCode(200)
                .body(containsString("data-transaction-id=\"" + id + "\" data-state=\"SETTLED\""))
                .body(containsString(HASH));
    }

    @Test
    void malformedChainTransactionIsShownBesideItsFieldAndChangesNothing() {
        TransactionId id = fixture.outcomeUnknown();

        dashboard
                .asOperator()
                .formParam("chainTransaction", "0x1234")
                .formParam("view", "unknown")
                .post(PAGE + "/" + id + "/settle")
                .then()
                .statusCode(400)
                .body(containsString("value=\"0x1234\""))
                .body(containsString("aria-invalid=\"true\" aria-describedby=\"chain-" + id + "-error\""))
                .body(containsString("<p class=\"field-error\" id=\"chain-" + id + "-error\">"))
                .body(containsString("must be 0x and 64 hex digits"));

        assertThat(stateOf(id)).isEqualTo(PaymentState.OUTCOME_UNKNOWN);
        assertThat(hireStateOf(id)).isEqualTo(TransactionState.PENDING);
    }

    @Test
    void cancellingFailsThePaymentAndVoidsTheHold() {
        TransactionId id = fixture.outcomeUnknown();

        dashboard
                .asAdmin()
                .formParam("view", "unknown")
                .post(PAGE + "/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body(containsString("is cancelled; the hire&#39;s hold is voided"));

        assertThat(stateOf(id)).isEqualTo(PaymentState.FAILED);
        assertThat(fixture.payments().findByTransaction(id).orElseThrow().failureReason())
                .contains(SettlementOutbox.CANCELLED_REASON);
        assertThat(hireStateOf(id)).isEqualTo(TransactionState.CANCELLED);
    }

    @Test
    void paymentTheOutboxMayStillSendIsNotReconciledByHand() {
        TransactionId id = fixture.paidHire();

        dashboard
                .asOperator()
                .formParam("view", "pending")
                .post(PAGE + "/" + id + "/cancel")
                .then()
                .statusCode(409)
                .body(containsString("role=\"alert\""))
                .body(containsString("the settlement outbox may still send it"));

        assertThat(stateOf(id)).isEqualTo(PaymentState.PENDING);
    }

    @Test
    void actionWithoutTheFormTokenIsRefusedAsAForgery() {
        TransactionId id = fixture.outcomeUnknown();

        dashboard
                .withoutCsrf(Role.OPERATOR)
                .formParam("chainTransaction", HASH)
                .post(PAGE + "/" + id + "/settle")
                .then()
                .statusCode(403)
                .body(containsString("Form expired"));

        assertThat(stateOf(id)).isEqualTo(PaymentState.OUTCOME_UNKNOWN);
    }

    @Test
    void stalePaidHireWithoutAFacilitatorIsListedAndMayBeReconciled() {
        TransactionId fresh = fixture.paidHire();
        TransactionId stale = fixture.paidHire();
        fixture.age(stale, Duration.ofHours(2));

        dashboard
                .asOperator()
                .get(PAGE + "?view=stale")
                .then()
                .statusCode(200)
                .body(containsString("No facilitator is configured"))
                .body(containsString("data-transaction-id=\"" + stale + "\""))
                .body(not(containsString("data-transaction-id=\"" + fresh + "\"")));
        dashboard
                .asOperator()
                .formParam("chainTransaction", HASH)
                .formParam("view", "stale")
                .post(PAGE + "/" + stale + "/settle")
                .then()
                .statusCode(200);

        assertThat(stateOf(stale)).isEqualTo(PaymentState.SETTLED);
        assertThat(stateOf(fresh)).isEqualTo(PaymentState.PENDING);
    }

    @Test
    void pendingTabListsPendingPaymentsWithoutReconciliationForms() {
        TransactionId id = fixture.paidHire();

        dashboard
                .asOperator()
                .get(PAGE + "?view=pending")
                .then()
                .statusCode(200)
                .body(containsString("data-transaction-id=\"" + id + "\" data-state=\"PENDING\""))
                .body(containsString("aria-current=\"page\" class=\"current\">Pending</a>"))
                .body(not(containsString("/settle\"")));
    }

    @Test
    void unknownTabAndMalformedCursorAreReadableErrors() {
        dashboard
                .asOperator()
                .get(PAGE + "?view=everything")
                .then()
                .statusCode(400)
                .body(containsString("role=\"alert\""))
                .body(containsString("is not one of the payment tabs"));
        dashboard
                .asOperator()
                .get(PAGE + "?view=pending&after=yesterday")
                .then()
                .statusCode(400)
                .body(containsString("is not a cursor of the settlement outbox"));
    }

    @Test
    void longListsArePagedWithANextLink() {
        List<TransactionId> ids = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            ids.add(fixture.paidHire());
        }

        String first = dashboard
                .asOperator()
                .get(PAGE + "?view=pending")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(first).contains("rel=\"next\"");
        long shown = ids.stream()
                .filter(id -> first.contains("data-transaction-id=\"" + id + "\""))
                .count();
        assertThat(shown).isEqualTo(50);
        String next = first.replaceAll("(?s).*href=\"(/dashboard/payments\\?view=pending&amp;after=[^\"]+)\".*", "$1")
                .replace("&amp;", "&");

        String second = dashboard
                .asOperator()
                .urlEncodingEnabled(false)
                .get(next)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(ids.stream().filter(id -> second.contains("data-transaction-id=\"" + id + "\"")))
                .hasSize(1);
        assertThat(second).doesNotContain("rel=\"next\"");
    }

    @Test
    void exportOfADateRangeIsASignedZipThatTheUploadFormVerifies() throws IOException {
        TransactionId id = fixture.outcomeUnknown();
        dashboard
                .asOperator()
                .formParam("chainTransaction", HASH)
                .post(PAGE + "/" + id + "/settle")
                .then()
                .statusCode(200);
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        var download = dashboard
                .asOperator()
                .queryParam("from", today)
                .queryParam("to", today)
                .get(PAGE + "/export")
                .then()
                .statusCode(200)
                .contentType("application/zip")
                .header("Content-Disposition", containsString("attachment; filename=\"settlement-receipts-" + today))
                .extract();
        byte[] zip = download.asByteArray();
        assertThat(entriesOf(zip)).containsExactlyInAnyOrder("receipts.jsonl", "manifest.json");

        dashboard
                .asOperator()
                .multiPart("export", "export.zip", zip, "application/zip")
                .post(PAGE + "/verify")
                .then()
                .statusCode(200)
                .body(containsString("Intact: all 1 receipts"))
                .body(containsString("data-line=\"1\""))
                .body(containsString("<code>" + id + "</code>"))
                .body(containsString("signature valid"));
    }

    @Test
    void uploadThatIsNotAnExportOrMissingIsReported() {
        dashboard
                .asOperator()
                .multiPart("export", "notes.zip", "hello".getBytes(StandardCharsets.UTF_8), "application/zip")
                .post(PAGE + "/verify")
                .then()
                .statusCode(200)
                .body(containsString("Not intact"))
                .body(containsString("not a readable export"));
        dashboard
                .asOperator()
                .multiPart("export", "empty.zip", new byte[0], "application/zip")
                .post(PAGE + "/verify")
                .then()
                .statusCode(400)
                .body(containsString("<p class=\"field-error\" id=\"export-error\">"))
                .body(containsString("aria-describedby=\"export-error\""));
    }

    @Test
    void exportDatesAreValidatedBesideTheirFields() {
        dashboard
                .asOperator()
                .queryParam("from", "2026-13-01")
                .queryParam("to", "2026-01-01")
                .get(PAGE + "/export")
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("<p class=\"field-error\" id=\"from-error\">"))
                .body(containsString("value=\"2026-13-01\""));
        dashboard
                .asOperator()
                .queryParam("from", "2026-02-01")
                .queryParam("to", "2026-01-01")
                .get(PAGE + "/export")
                .then()
                .statusCode(400)
                .body(containsString(
                        "<p class=\"field-error\" id=\"to-error\">The last day must not come before the first.</p>"))
                .body(not(containsString("id=\"from-error\"")));
    }

    @Test
    void aDeregisteredPayerIsMarkedInTheOutboxAndARegisteredOneIsNot() {
        fixture.registerPayer("translator");
        TransactionId ofGone = fixture.paidHire();
        TransactionId ofRegistered = fixture.paidHire("translator");
        fixture.deregister(PaymentsFixture.PAYER);

        String page = dashboard
                .asOperator()
                .get(PAGE + "?view=pending")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(row(page, ofGone))
                .contains("<code>" + PaymentsFixture.PAYER
                        + "</code> <span class=\"deregistered\">deregistered</span></td>");
        assertThat(row(page, ofRegistered))
                .contains("<code>translator</code></td>")
                .doesNotContain("deregistered");
    }

    /** The HTML of the payment's row, from its opening tag to its closing one. */
    private static String row(String html, TransactionId id) {
        int start = html.indexOf("<tr data-transaction-id=\"" + id + "\"");
        assertThat(start).as("row of " + id).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private static List<String> entriesOf(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
