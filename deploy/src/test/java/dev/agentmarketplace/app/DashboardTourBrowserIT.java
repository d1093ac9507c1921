package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.access.SignInLinks;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * An admin follows every link of the menu: each page loads with its heading, and the browser reports
 * nothing the Content-Security-Policy blocked (no inline script or style slipped into a template)
 * and no failed load.
 */
@QuarkusTest
@ExtendWith(BrowserAvailabilityCondition.class)
class DashboardTourBrowserIT {
    @Inject
    SignInLinks links;

    @TestHTTPResource("/")
    URL root;

    @Test
    void everyPageOfTheMenuOpensWithoutAnythingBlockedOrFailing() {
        try (DashboardBrowser browser = DashboardBrowser.open(root, links)) {
            browser.signInAsAdmin();
            List<String> menu = browser.driver().findElements(By.cssSelector("nav a")).stream()
                    .map(link -> link.getAttribute("href"))
                    .toList();
            assertThat(menu)
                    .extracting(href -> href.replaceFirst("^https?://[^/]+", ""))
                    .containsExactly(
                            "/dashboard",
                            "/dashboard/agents",
                            "/dashboard/transactions",
                            "/dashboard/disputes",
                            "/dashboard/payments",
                            "/dashboard/ledger",
                            "/dashboard/clients");

            for (String page : menu) {
                browser.driver().get(page);
                List<WebElement> headings = browser.driver().findElements(By.tagName("h1"));
                assertThat(headings).as(page).isNotEmpty();
                assertThat(browser.driver().getTitle()).as(page).endsWith("· Agent Marketplace");
                assertThat(browser.consoleMessages())
                        .as("console of " + page)
                        .noneMatch(message -> message.contains("Content Security Policy"))
                        .noneMatch(message -> message.contains("Failed to load resource"));
            }
        }
    }
}
