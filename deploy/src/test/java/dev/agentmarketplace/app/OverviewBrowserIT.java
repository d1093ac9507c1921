package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.access.SignInLinks;
import dev.agentmarketplace.core.registry.Availability;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The overview in a real headless Chromium: figures, charts styled by the stylesheet, and its own refresh. */
@QuarkusTest
@ExtendWith(BrowserAvailabilityCondition.class)
class OverviewBrowserIT {
    @Inject
    RegistryFixture registry;

    @Inject
    SignInLinks links;

    @Inject
    OverviewApi api;

    @TestHTTPResource("/")
    URL root;

    private DashboardBrowser browser;

    @BeforeEach
    void openBrowser() {
        registry.clear();
        browser = DashboardBrowser.open(root, links);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
        registry.clear();
    }

    private String figure(String name) {
        return browser.driver()
                .findElement(By.cssSelector("[data-figure='" + name + "']"))
                .getText();
    }

    @Test
    void anOperatorSeesFiguresAndChartsAndAResolvedDisputeWithoutReloading() throws Exception {
        registry.register("payer", "Payer", Availability.ONLINE, "planning");
        registry.register("provider", "Provider", Availability.ONLINE, "python");
        String settled = api.hire("payer", "provider");
        api.settle("payer", settled);
        String disputed = api.hire("payer", "provider");
        api.settle("payer", disputed);
        String dispute = api.dispute("payer", disputed);
        api.hire("payer", "provider");

        browser.signInAsOperator();

        var page = browser.driver();
        assertThat(browser.url()).endsWith("/dashboard");
        assertThat(page.getTitle()).isEqualTo("Overview · Agent Marketplace");
        assertThat(figure("agents-online")).isEqualTo("2");
        assertThat(figure("hires-per-hour")).isEqualTo("3");
        assertThat(figure("volume")).isEqualTo("4.500000 USDC");
        assertThat(figure("settlement-rate")).isEqualTo("50.0 %");
        assertThat(figure("dispute-rate")).isEqualTo("50.0 %");
        assertThat(page.findElements(By.cssSelector("svg.chart"))).hasSize(4);
        assertThat(page.findElements(By.cssSelector("#chart-hires rect.chart-bar")))
                .hasSize(24);
        assertThat(page.findElements(By.cssSelector("#chart-capabilities rect.chart-bar")))
                .hasSize(1);
        // The stylesheet colours the charts: a disputed bar is amber, drawn from CSS (the CSP forbids inline style).
        assertThat(page.findElement(By.cssSelector("#chart-states rect.state-disputed"))
                        .getCssValue("fill"))
                .isEqualTo("rgb(247, 144, 9)");
        Path kept = browser.screenshot("overview");
        assertThat(Files.size(kept)).isPositive();

        // A mark on this very document: a reload would lose it.
        page.executeScript("window.overviewMark = 'same document'");
        api.refundInFull(dispute);

        // htmx polls the live section every 10 s and swaps it in place: no reload, no inline script.
        new WebDriverWait(page, Duration.ofSeconds(25))
                // The swap may replace an element between finding it and reading it.
                .ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElement(By.cssSelector("#chart-states-desc"))
                        .getAttribute("textContent")
                        .contains("RESOLVED: 1"));
        assertThat(page.executeScript("return window.overviewMark")).isEqualTo("same document");
        assertThat(page.findElement(By.cssSelector("#chart-states-desc")).getAttribute("textContent"))
                .contains("DISPUTED: 0");
        browser.screenshot("overview-after-resolution");
    }
}
