package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import dev.agentmarketplace.core.registry.Availability;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The overview page: its figures after moves made through the API, its empty state, its guard and its htmx fragment. */
@QuarkusTest
class OverviewPageIT {
    @Inject
    RegistryFixture registry;

    @Inject
    DashboardClient dashboard;

    @Inject
    OverviewApi api;

    @BeforeEach
    @AfterEach
    void emptyMarket() {
        registry.clear();
    }

    private static String figure(String name, String value) {
        return "data-figure=\"" + name + "\">" + value + "<";
    }

    @Test
    void anonymousVisitorIsSentToSignIn() {
        given().redirects()
                .follow(false)
                .get("/dashboard")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/dashboard/sign-in?next=%2Fdashboard"))
                .body(not(containsString("overview-live")));
    }

    @Test
    void anAgentIsRefusedTheOverview() {
        registry.register("payer", "Payer", Availability.ONLINE, "planning");

        dashboard
                .asAgent("payer")
                .get("/dashboard")
                .then()
                .statusCode(403)
                .body(containsString("Operators only"))
                .body(not(containsString("data-figure")));
    }

    @Test
    void anEmptyMarketShowsZerosEmptyChartsAndSaysSo() {
        dashboard
                .asOperator()
                .get("/dashboard")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<title>Overview · Agent Marketplace</title>"))
                .body(containsString("No agents are registered yet."))
                .body(containsString("No transactions yet"))
                .body(containsString(figure("agents-online", "0")))
                .body(containsString(figure("agents-registered", "0")))
                .body(containsString(figure("hires-per-hour", "0")))
                .body(containsString(figure("settlement-rate", "—")))
                .body(containsString(figure("dispute-rate", "—")))
                .body(containsString(figure("transactions", "0")))
                .body(containsString(
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-columns\" id=\"chart-hires\""))
                .body(containsString("No data yet"))
                .body(not(containsString("style=")));
    }

    @Test
    void figuresFollowHiresSettlementsAndDisputesMadeThroughTheApi() {
        registry.register("payer", "Payer", Availability.ONLINE, "planning");
        registry.register("provider", "Provider", Availability.ONLINE, "python");
        registry.register("resting", "Resting", Availability.OFFLINE, "python");
        String first = api.hire("payer", "provider");
        String second = api.hire("payer", "provider");
        api.hire("payer", "provider");
        api.hire("payer", "provider");
        api.settle("payer", first);
        api.settle("payer", second);
        String dispute = api.dispute("payer", second);

        dashboard
                .asOperator()
                .get("/dashboard")
                .then()
                .statusCode(200)
                .body(not(containsString("No transactions yet")))
                .body(containsString(figure("agents-online", "2")))
                .body(containsString(figure("agents-registered", "3")))
                .body(containsString(figure("hires-per-hour", "4")))
                .body(containsString("data-figure=\"volume\"><span class=\"amount\">6.000000 USDC</span>"))
                // Of the two hires that left PENDING, one is settled and one disputed.
                .body(containsString(figure("settlement-rate", "50.0 %")))
                .body(containsString(figure("dispute-rate", "50.0 %")))
                // 2.5 % of two settled 1.50 USDC hires.
                .body(containsString("data-figure=\"fee-revenue\"><span class=\"amount\">0.075000 USDC</span>"))
                .body(containsString(figure("transactions", "4")))
                .body(containsString("PENDING: 2; SETTLED: 1; CANCELLED: 0; DISPUTED: 1; RESOLVED: 0"))
                .body(containsString("<desc id=\"chart-capabilities-desc\">python: 4</desc>"))
                .body(containsString("id=\"chart-volume-usdc\""));

        api.refundInFull(dispute);

        // The page catches the rollups up itself: the resolution shows at once, without a scheduled refresh.
        dashboard
                .asOperator()
                .get("/dashboard")
                .then()
                .statusCode(200)
                .body(containsString("PENDING: 2; SETTLED: 1; CANCELLED: 0; DISPUTED: 0; RESOLVED: 1"))
                .body(containsString(figure("dispute-rate", "50.0 %")))
                // The refund gave the disputed hire's fee back.
                .body(containsString("data-figure=\"fee-revenue\"><span class=\"amount\">0.037500 USDC</span>"));
    }

    @Test
    void anHtmxRequestGetsOnlyTheLiveFragment() {
        registry.register("payer", "Payer", Availability.ONLINE, "planning");

        dashboard
                .asOperator()
                .header("HX-Request", "true")
                .get("/dashboard")
                .then()
                .statusCode(200)
                .body(containsString("<section id=\"overview-live\""))
                .body(containsString("hx-trigger=\"every 10s\""))
                .body(containsString(figure("agents-registered", "1")))
                .body(not(containsString("<html")))
                .body(not(containsString("<nav")))
                .body(not(containsString("<h1>")));
    }

    @Test
    void theFullPageRefreshesItsLiveSectionEveryTenSeconds() {
        dashboard
                .asOperator()
                .get("/dashboard")
                .then()
                .statusCode(200)
                .body(containsString("<h1>Market overview</h1>"))
                .body(containsString(
                        "<section id=\"overview-live\" class=\"overview\" hx-get=\"/dashboard\" hx-trigger=\"every 10s\""
                                + " hx-select=\"#overview-live\" hx-swap=\"outerHTML\""));
    }
}
