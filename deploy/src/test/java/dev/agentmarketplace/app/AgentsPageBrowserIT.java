package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.access.SignInLinks;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Availability;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The agents pages as an operator uses them, in a real headless Chromium. */
@QuarkusTest
@ExtendWith(BrowserAvailabilityCondition.class)
class AgentsPageBrowserIT {
    @Inject
    RegistryFixture registry;

    @Inject
    SignInLinks links;

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
    }

    private List<String> listedIds() {
        return browser.driver().findElements(By.cssSelector("#agent-results tbody tr")).stream()
                .map(row -> row.getAttribute("data-agent-id"))
                .toList();
    }

    @Test
    void operatorFiltersByCapabilityOpensAnAgentAndAdjustsItsReputation() throws Exception {
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python", "code review");
        registry.register("rust-smith", "Rust Smith", Availability.ONLINE, "rust");
        registry.register(
                "translator",
                "Translator",
                Availability.MAINTENANCE,
                Money.of("0.80", "EUR"),
                5,
                Map.of(),
                "translation");
        registry.register("retired", "Retired", Availability.ONLINE, "python");
        registry.deregister("retired");

        browser.signInAs("olivia", "/dashboard/agents", Role.OPERATOR);
        var page = browser.driver();
        var wait = new WebDriverWait(page, Duration.ofSeconds(15));
        assertThat(page.getTitle()).isEqualTo("Agents · Agent Marketplace");
        assertThat(listedIds()).containsExactly("python-expert", "retired", "rust-smith", "translator");
        assertThat(page.findElement(By.cssSelector("tr[data-agent-id=retired] .status"))
                        .getText())
                .isEqualTo("DEREGISTERED");

        // The filter form swaps only the results (htmx) and puts the filter in the address bar.
        WebElement capability = page.findElement(By.id("capability"));
        capability.sendKeys("python");
        WebElement results = page.findElement(By.id("agent-results"));
        page.findElement(By.cssSelector("form.agent-filter button[type=submit]"))
                .click();
        wait.until(ExpectedConditions.stalenessOf(results));
        wait.until(driver -> listedIds().equals(List.of("python-expert", "retired")));
        assertThat(browser.url()).contains("/dashboard/agents?capability=python&");
        assertThat(page.findElement(By.id("capability")).getAttribute("value")).isEqualTo("python");
        // The stylesheet's status badge colours apply (classes only: the CSP allows no inline style).
        assertThat(page.findElement(By.cssSelector("tr[data-agent-id=retired] .status"))
                        .getCssValue("color"))
                .isEqualTo("rgba(180, 35, 24, 1)");
        assertNothingBlockedNorFailed();
        Path list = browser.screenshot("agents");
        assertThat(Files.size(list)).isPositive();

        page.findElement(By.cssSelector("tr[data-agent-id=python-expert] a")).click();
        wait.until(ExpectedConditions.urlContains("/dashboard/agents/python-expert"));
        assertThat(page.findElement(By.cssSelector(".score strong")).getText()).isEqualTo("3.00");
        page.findElement(By.id("delta")).sendKeys("0.75");
        page.findElement(By.id("reason")).sendKeys("excellent code reviews");
        page.findElement(By.cssSelector("form.adjust button[type=submit]")).click();

        wait.until(ExpectedConditions.urlContains("done=adjusted"));
        assertThat(page.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Reputation adjusted.");
        assertThat(page.findElement(By.cssSelector(".score strong")).getText()).isEqualTo("3.75");
        WebElement chart = page.findElement(By.cssSelector("svg.trend-chart"));
        assertThat(chart.findElements(By.cssSelector("circle.trend-dot"))).hasSize(1);
        assertThat(page.findElement(By.cssSelector("polyline.trend-line")).getCssValue("fill"))
                .isEqualTo("none");
        assertNothingBlockedNorFailed();
        Path detail = browser.screenshot("agent");
        assertThat(Files.size(detail)).isPositive();
    }

    /** The CSP blocked nothing, and every load of the page worked. */
    private void assertNothingBlockedNorFailed() {
        assertThat(browser.consoleMessages())
                .noneMatch(message -> message.contains("Content Security Policy"))
                .noneMatch(message -> message.contains("Failed to load resource"));
    }

    @Test
    void badFilterIsShownBesideItsFieldInTheBrowser() {
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");
        browser.signInAs("olivia", "/dashboard/agents", Role.OPERATOR);
        var page = browser.driver();

        page.findElement(By.id("minReputation")).sendKeys("9");
        page.findElement(By.cssSelector("form.agent-filter button[type=submit]"))
                .click();

        new WebDriverWait(page, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("minReputation-error")));
        assertThat(page.findElement(By.id("minReputation-error")).getText()).startsWith("must be between 0 and 5");
        assertThat(page.findElement(By.id("minReputation")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        // The 400 itself is logged as a failed load; nothing may have been blocked.
        assertThat(browser.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy"));
        browser.screenshot("agents-bad-filter");
    }
}
