package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.access.SignInLinks;
import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.dispute.DisputeStatus;
import dev.agentmarketplace.core.dispute.EvidenceItem;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/** An operator works the dispute queue and resolves a dispute through the form, in a real headless Chromium. */
@QuarkusTest
@ExtendWith(BrowserAvailabilityCondition.class)
class DisputesBrowserIT {
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Inject
    RegistryFixture registry;

    @Inject
    SignInLinks links;

    @Inject
    Ledger ledger;

    @Inject
    DisputeDesk desk;

    @TestHTTPResource("/")
    URL root;

    private DashboardBrowser browser;
    private int hires;

    @BeforeEach
    void openBrowser() {
        registry.clear();
        registry.register("orchestrator", "Orchestrator", Availability.ONLINE, "planning");
        registry.register(
                "python-expert", "Python Expert", Availability.ONLINE, RegistryFixture.PRICE, 10, Map.of(), "python");
        browser = DashboardBrowser.open(root, links);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
        registry.clear();
    }

    private Dispute open(String reason, EvidenceItem... evidence) {
        var tx = ledger.hire(new HireRequest(
                        AgentId.of("orchestrator"),
                        AgentId.of("python-expert"),
                        Capability.of("python"),
                        RegistryFixture.PRICE,
                        "write a parser",
                        IdempotencyKey.of("disputes-browser-%04d".formatted(++hires))))
                .transaction();
        return desk.open(tx.id(), AgentId.of("orchestrator"), reason, List.of(evidence));
    }

    @Test
    void anOperatorOpensTheSoonestDisputeAndResolvesItWithAPartialRefund() {
        Dispute soonest = open(
                "the parser crashes on every input",
                new EvidenceItem.Text("stack trace attached"),
                EvidenceItem.Link.of("https://logs.example.org/run/7"),
                new EvidenceItem.Checksum(SHA));
        Dispute later = open("late delivery");
        Dispute done = open("wrong language");
        desk.resolve(done.id(), "ops", new DisputeOutcome.ProviderUpheld(), "it was python");

        browser.signInAs("olivia", "/dashboard/disputes", Role.OPERATOR);
        var page = browser.driver();
        var wait = new WebDriverWait(page, Duration.ofSeconds(15));
        assertThat(page.getTitle()).isEqualTo("Disputes · Agent Marketplace");
        assertThat(page.findElements(By.cssSelector("table.disputes tbody tr")).stream()
                        .map(row -> row.getAttribute("data-dispute-id"))
                        .toList())
                .containsExactly(
                        soonest.id().value(), later.id().value(), done.id().value());
        keep(browser.screenshot("disputes"));

        page.findElement(By.cssSelector("tr[data-dispute-id='" + soonest.id().value() + "'] a"))
                .click();
        wait.until(ExpectedConditions.titleContains(soonest.id().value()));
        assertThat(page.findElement(By.cssSelector(".evidence-link a")).getAttribute("rel"))
                .isEqualTo("noopener noreferrer nofollow");
        assertThat(page.findElement(By.cssSelector(".checksum")).getText()).isEqualTo(SHA);

        assertNothingBlockedOrFailed();

        // First without a refund amount: the message appears beside the refund field (a 400).
        WebElement form = page.findElement(By.cssSelector("form.resolve"));
        form.findElement(By.cssSelector("input[name=outcome][value=PARTIAL_REFUND]"))
                .click();
        form.findElement(By.id("note")).sendKeys("half of the files were delivered");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("refund-error")));
        assertThat(page.findElement(By.id("note")).getText()).isEqualTo("half of the files were delivered");
        assertThat(browser.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy"));

        form = page.findElement(By.cssSelector("form.resolve"));
        form.findElement(By.id("refund")).sendKeys("0.75");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("resolution")));

        assertThat(page.findElement(By.id("outcome")).getText()).isEqualTo("partial refund: 0.750000 USDC refunded");
        assertThat(page.findElement(By.id("decided-by")).getText()).isEqualTo("operator olivia");
        assertThat(page.findElements(By.cssSelector("form.resolve"))).isEmpty();
        assertThat(desk.get(soonest.id()).status()).isEqualTo(DisputeStatus.RESOLVED);
        assertThat(desk.get(soonest.id()).resolution().orElseThrow().outcome())
                .isEqualTo(new DisputeOutcome.PartialRefund(Money.of("0.75", "USDC")));
        assertNothingBlockedOrFailed();
        keep(browser.screenshot("dispute"));

        // Back in the queue, the resolved dispute has moved behind the open one.
        browser.get("/dashboard/disputes?status=OPEN");
        assertThat(page.findElements(By.cssSelector("table.disputes tbody tr")).stream()
                        .map(row -> row.getAttribute("data-dispute-id"))
                        .toList())
                .containsExactly(later.id().value());

        // The overview counts the resolution made through the form: two resolved, one still disputed.
        browser.get("/dashboard");
        assertThat(page.findElement(By.cssSelector("#chart-states-desc")).getAttribute("textContent"))
                .contains("RESOLVED: 2")
                .contains("DISPUTED: 1");
        keep(browser.screenshot("overview-after-dispute-resolved"));
    }

    /** Nothing the pages shown since the last look needed was blocked by the CSP or failed to load. */
    private void assertNothingBlockedOrFailed() {
        assertThat(browser.consoleMessages())
                .noneMatch(message -> message.contains("Content Security Policy"))
                .noneMatch(message -> message.contains("Failed to load resource"));
    }

    private static void keep(Path shot) {
        try {
            assertThat(Files.size(shot)).isPositive();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
