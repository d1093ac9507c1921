package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.access.SignInLinks;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.payment.PaymentState;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** An operator reconciles a payment whose outcome is unknown, and checks the ledger, in a real headless Chromium. */
@QuarkusTest
@ExtendWith(BrowserAvailabilityCondition.class)
class PaymentsPageBrowserIT {
    @Inject
    PaymentsFixture fixture;

    @Inject
    SignInLinks links;

    @TestHTTPResource("/")
    URL root;

    private DashboardBrowser browser;

    @BeforeEach
    void openBrowser() {
        fixture.reset(100);
        browser = DashboardBrowser.open(root, links);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
        fixture.clear();
    }

    @Test
    void operatorRecordsTheChainTransactionOfAPaymentWhoseOutcomeIsUnknown() throws Exception {
        TransactionId id = fixture.outcomeUnknown();
        fixture.paidHire();
        browser.signInAs("olivia", "/dashboard/payments", Role.OPERATOR);
        var page = browser.driver();
        assertThat(page.getTitle()).isEqualTo("Payments · Agent Marketplace");

        page.findElement(By.id("chain-" + id)).sendKeys("0x1234");
        By settle = By.cssSelector("form[action='/dashboard/payments/" + id + "/settle'] button");
        assertThat(browser.submitAndAwait(settle, By.id("chain-" + id + "-error"))
                        .getText())
                .contains("64 hex digits");
        assertThat(Files.size(browser.screenshot("payments"))).isPositive();

        page.findElement(By.id("chain-" + id)).clear();
        page.findElement(By.id("chain-" + id)).sendKeys("0x" + "ab".repeat(32));
        assertThat(browser.submitAndAwait(settle, By.cssSelector(".notice")).getText())
                .contains("recorded as settled");
        assertThat(fixture.payments().findByTransaction(id).orElseThrow().state())
                .isEqualTo(PaymentState.SETTLED);
    }

    @Test
    void operatorVerifiesTheChainOnTheLedgerPageInPlace() throws Exception {
        fixture.paidHire();
        browser.signInAs("olivia", "/dashboard/ledger", Role.OPERATOR);
        var page = browser.driver();
        assertThat(page.getTitle()).isEqualTo("Ledger · Agent Marketplace");
        assertThat(page.findElement(By.cssSelector(".head-sequence")).getText()).isEqualTo("#1");

        page.findElement(By.cssSelector("form.verify-chain button")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(page, java.time.Duration.ofSeconds(10))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#verification .chain-intact")));

        // htmx swapped the result in: the page itself was not reloaded.
        assertThat(browser.url()).endsWith("/dashboard/ledger");
        assertThat(page.findElement(By.cssSelector("#verification .chain-intact"))
                        .getText())
                .contains("Intact: entries #1 to #1");
        assertThat(Files.size(browser.screenshot("ledger"))).isPositive();
    }
}
