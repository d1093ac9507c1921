package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.access.SignInLinks;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.ledger.TransactionState;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** An operator filters the transactions, opens one and settles it, in a real headless Chromium. */
@QuarkusTest
@ExtendWith(BrowserAvailabilityCondition.class)
class TransactionsBrowserIT {
    @Inject
    RegistryFixture registry;

    @Inject
    SignInLinks links;

    @Inject
    Ledger ledger;

    @Inject
    TransactionQueries queries;

    @TestHTTPResource("/")
    URL root;

    private DashboardBrowser browser;

    @BeforeEach
    void openBrowser() {
        registry.clear();
        registry.register("orchestrator", "Orchestrator", Availability.ONLINE, "planning");
        registry.register(
                "python-expert", "Python Expert", Availability.ONLINE, RegistryFixture.PRICE, 10, Map.of(), "python");
        registry.register(
                "translator", "Translator", Availability.ONLINE, RegistryFixture.PRICE, 10, Map.of(), "translation");
        browser = DashboardBrowser.open(root, links);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
        registry.clear();
    }

    private Transaction hire(String provider, String capability, int n) {
        return ledger.hire(new HireRequest(
                        AgentId.of("orchestrator"),
                        AgentId.of(provider),
                        Capability.of(capability),
                        RegistryFixture.PRICE,
                        "task " + n,
                        IdempotencyKey.of("transactions-browser-%04d".formatted(n))))
                .transaction();
    }

    @Test
    void anOperatorFiltersOpensATransactionAndSettlesItThroughTheForm() {
        Transaction python = hire("python-expert", "python", 1);
        Transaction translation = hire("translator", "translation", 2);
        browser.signInAs("olivia", "/dashboard/transactions", Role.OPERATOR);
        var page = browser.driver();
        var wait = new WebDriverWait(page, Duration.ofSeconds(15));
        assertThat(page.getTitle()).isEqualTo("Transactions · Agent Marketplace");
        assertThat(rowIds())
                .containsExactly(translation.id().value(), python.id().value());

        // The filter swaps only the results (htmx) and puts the filter in the address bar.
        WebElement form = page.findElement(By.cssSelector("form.filters"));
        form.findElement(By.id("capability")).sendKeys("python");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("capability=python"));
        wait.until(driver -> rowIds().equals(List.of(python.id().value())));
        assertThat(page.findElement(By.id("capability")).getAttribute("value")).isEqualTo("python");

        page.findElement(By.cssSelector("tr[data-transaction-id='" + python.id().value() + "'] a"))
                .click();
        wait.until(ExpectedConditions.titleContains(python.id().value()));
        assertThat(page.findElement(By.id("state")).getText()).isEqualTo("PENDING");
        assertThat(page.findElements(By.cssSelector("table.journal tr.posting")))
                .hasSize(2);

        WebElement settle = page.findElement(By.cssSelector("form[action$='/settlement']"));
        settle.findElement(By.id("reference")).sendKeys("bank-ref-9");
        settle.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("state"), "SETTLED"));

        assertThat(queries.get(python.id()).transaction().state()).isEqualTo(TransactionState.SETTLED);
        assertThat(page.findElement(By.id("receipt-method")).getText()).isEqualTo("off-chain");
        assertThat(page.findElements(By.cssSelector("form[action$='/settlement']")))
                .isEmpty();
        // The stylesheet loaded: a state is drawn as a badge.
        assertThat(page.findElement(By.id("state")).getCssValue("display")).isEqualTo("inline-block");
        // Nothing the list, the htmx swap, the detail or the form needed was blocked by the CSP or failed.
        assertThat(browser.consoleMessages())
                .noneMatch(message -> message.contains("Content Security Policy"))
                .noneMatch(message -> message.contains("Failed to load resource"));
        Path shot = browser.screenshot("transaction");
        assertThat(shot).exists();
        assertThat(sizeOf(shot)).isPositive();
    }

    @Test
    void aBadFilterIsShownBesideItsFieldInTheBrowser() {
        hire("python-expert", "python", 1);
        browser.signInAs("olivia", "/dashboard/transactions", Role.OPERATOR);
        var page = browser.driver();
        var wait = new WebDriverWait(page, Duration.ofSeconds(15));

        page.findElement(By.id("agent")).sendKeys("not an id");
        new Select(page.findElement(By.id("state"))).selectByValue("SETTLED");
        page.findElement(By.cssSelector("form.filters button[type=submit]")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("agent-error")));
        assertThat(page.findElement(By.id("agent")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(rowIds()).isEmpty();
    }

    private List<String> rowIds() {
        return browser.driver().findElements(By.cssSelector("table.transactions tbody tr")).stream()
                .map(row -> row.getAttribute("data-transaction-id"))
                .toList();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
