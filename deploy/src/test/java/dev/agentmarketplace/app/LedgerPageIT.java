package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.JournalHead;
import dev.agentmarketplace.core.ledger.JournalRepository;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.persistence.testing.RawSql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger page: balances a page at a time, the journal head, and the chain's verification as an action. */
@QuarkusTest
class LedgerPageIT {
    private static final String PAGE = "/dashboard/ledger";

    @Inject
    RegistryFixture registry;

    @Inject
    DashboardClient dashboard;

    @Inject
    Ledger ledger;

    @Inject
    JournalRepository journal;

    @Inject
    UnitOfWork unitOfWork;

    @Inject
    DataSource dataSource;

    private int hires;

    @BeforeEach
    void market() {
        registry.clear();
        registry.register("provider", "Provider", Availability.ONLINE, RegistryFixture.PRICE, 1000, Map.of(), "python");
    }

    @AfterEach
    void leaveNothingBehind() {
        registry.clear();
    }

    private void hireBy(String payer) {
        registry.register(payer, "Payer " + payer, Availability.ONLINE, "planning");
        ledger.hire(new HireRequest(
                AgentId.of(payer),
                AgentId.of("provider"),
                Capability.of("python"),
                RegistryFixture.PRICE,
                "",
                IdempotencyKey.of("ledger-page-hire-" + ++hires + "-" + payer)));
    }

    private JournalHead head() {
        return unitOfWork.execute(journal::head);
    }

    @Test
    void anonymousVisitorIsSentToSignInAndAnAgentRefused() {
        given().redirects()
                .follow(false)
                .get(PAGE)
                .then()
                .statusCode(303)
                .header("Location", containsString("/dashboard/sign-in?next=%2Fdashboard%2Fledger"));
        dashboard.asAgent("provider").get(PAGE).then().statusCode(403).body(containsString("Operators only"));
        dashboard.asAgent("provider").post(PAGE + "/verify").then().statusCode(403);
    }

    @Test
    void emptyJournalSaysSo() {
        dashboard
                .asOperator()
                .get(PAGE)
                .then()
                .statusCode(200)
                .body(containsString("The journal is empty"))
                .body(containsString("No account has been posted to yet."));
    }

    @Test
    void balancesAndTheHeadFollowThePostings() {
        hireBy("payer-a");

        JournalHead head = head();
        assertThat(head.sequence()).isEqualTo(1);
        dashboard
                .asAdmin()
                .get(PAGE)
                .then()
                .statusCode(200)
                .body(containsString("<dd class=\"head-sequence\">#1</dd>"))
                .body(containsString("<code class=\"head-hash\">" + head.hash() + "</code>"))
                .body(containsString("data-account=\"agent:payer-a\" data-currency=\"USDC\""))
                .body(containsString("-1.500000 USDC"))
                .body(containsString("data-account=\"escrow\""));
    }

    @Test
    void verifyingWalksTheChainAndAnHtmxRequestGetsTheResultAlone() {
        hireBy("payer-a");
        hireBy("payer-b");

        dashboard
                .asOperator()
                .post(PAGE + "/verify")
                .then()
                .statusCode(200)
                .body(containsString("<html"))
                .body(containsString("Intact: entries #1 to #2 link, hash and balance."))
                .body(containsString("The whole chain up to the head is verified."));
        dashboard
                .asOperator()
                .header("HX-Request", "true")
                .post(PAGE + "/verify")
                .then()
                .statusCode(200)
                .body(not(containsString("<html")))
                .body(containsString("<div id=\"verification\""))
                .body(containsString("Intact: entries #1 to #2"));
    }

    @Test
    void verifyingContinuesFromWhereTheLastStepStopped() {
        hireBy("payer-a");
        JournalHead first = head();
        hireBy("payer-b");

        dashboard
                .asOperator()
                .formParam("fromSequence", first.sequence())
                .formParam("fromHash", first.hash())
                .post(PAGE + "/verify")
                .then()
                .statusCode(200)
                .body(containsString("Intact: entries #2 to #2"));
        JournalHead last = head();
        dashboard
                .asOperator()
                .formParam("fromSequence", last.sequence())
                .formParam("fromHash", last.hash())
                .post(PAGE + "/verify")
                .then()
                .statusCode(200)
                .body(containsString("Nothing to verify after entry #2: it is the head."));
    }

    @Test
    void tamperedPostingIsReportedAsABrokenLink() throws SQLException {
        hireBy("payer-a");
        hireBy("payer-b");
        // PostgreSQL's trigger refuses the very UPDATE that simulates tampering; this runs on H2.
        RawSql.execute(
                dataSource,
                "UPDATE journal_posting SET amount = amount + 1 WHERE entry_sequence = 2 AND account = 'escrow'");

        dashboard
                .asOperator()
                .post(PAGE + "/verify")
                .then()
                .statusCode(200)
                .body(containsString("Broken at entry #2"))
                .body(containsString("does not match its content"))
                .body(containsString("Entries #1 to #1 before it are intact."));
    }

    @Test
    void malformedStartIsARefusalNotAStackTrace() {
        dashboard
                .asOperator()
                .formParam("fromSequence", "two")
                .formParam("fromHash", "zz")
                .post(PAGE + "/verify")
                .then()
                .statusCode(400)
                .body(containsString("role=\"alert\""))
                .body(containsString("must be an entry&#39;s sequence"));
        dashboard
                .asOperator()
                .get(PAGE + "?after=nowhere")
                .then()
                .statusCode(400)
                .body(containsString("is not a cursor of the account balances"));
    }

    @Test
    void verificationWithoutTheFormTokenIsRefused() {
        dashboard
                .withoutCsrf(Role.OPERATOR)
                .post(PAGE + "/verify")
                .then()
                .statusCode(403)
                .body(containsString("Form expired"));
    }

    @Test
    void longBalanceListsArePaged() {
        for (int i = 0; i < 50; i++) {
            hireBy("payer-%02d".formatted(i));
        }

        String first = dashboard
                .asOperator()
                .get(PAGE)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(first).contains("data-account=\"agent:payer-49\"").doesNotContain("data-account=\"escrow\"");
        String next = first.replaceAll("(?s).*href=\"(/dashboard/ledger\\?after=[^\"]+)\".*", "$1");

        dashboard
                .asOperator()
                .urlEncodingEnabled(false)
                .get(next)
                .then()
                .statusCode(200)
                .body(containsString("data-account=\"escrow\""))
                .body(not(containsString("data-account=\"agent:payer-00\"")))
                .body(not(containsString("rel=\"next\"")));
    }
}
