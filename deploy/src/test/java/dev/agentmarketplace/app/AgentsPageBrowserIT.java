package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.access.SignInLinks;
import dev.agentmarketplace.core.registry.Availability;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The agent list as an operator sees it, in a real headless Chromium. */
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

    @Test
    void signedInOperatorSeesTheStyledAgentTable() throws Exception {
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python", "code review");
        registry.register("translator", "Translator", Availability.MAINTENANCE, "translation");

        browser.signInAs("olivia", "/dashboard/agents", Role.OPERATOR);

        var page = browser.driver();
        assertThat(browser.url()).endsWith("/dashboard/agents");
        assertThat(page.getTitle()).isEqualTo("Agents · Agent Marketplace");
        List<WebElement> rows = page.findElements(By.cssSelector("table.agents tbody tr"));
        assertThat(rows)
                .extracting(row -> row.getAttribute("data-agent-id"))
                .containsExactly("python-expert", "translator");
        assertThat(rows.getFirst().findElements(By.cssSelector(".capability")))
                .extracting(WebElement::getText)
                .containsExactly("code review", "python");
        assertThat(rows.getFirst().findElement(By.cssSelector(".price")).getText())
                .isEqualTo("1.500000 USDC");
        // The stylesheet loaded: capabilities are drawn as chips, not plain inline text.
        assertThat(rows.getFirst().findElement(By.cssSelector(".capability")).getCssValue("display"))
                .isEqualTo("inline-block");
        assertThat(page.findElement(By.cssSelector(".signed-in-as")).getText()).isEqualTo("olivia");

        Path kept = browser.screenshot("agents-page");
        assertThat(Files.size(kept)).isPositive();
    }

    @Test
    void browserThatIsNotSignedInIsSentToTheSignInPage() {
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");

        browser.get("/dashboard/agents");

        assertThat(browser.url()).contains("/dashboard/sign-in?next=");
        assertThat(browser.driver().getTitle()).isEqualTo("Sign in · Agent Marketplace");
        assertThat(browser.driver().findElement(By.cssSelector("main")).getText())
                .contains("sign-in-link");
        assertThat(browser.driver().findElements(By.cssSelector("table.agents")))
                .isEmpty();
    }
}
