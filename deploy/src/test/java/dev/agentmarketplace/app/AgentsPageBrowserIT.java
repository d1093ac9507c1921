package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.registry.Availability;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** The agent list as an operator sees it, in a real headless Chromium. */
@QuarkusTest
@ExtendWith(BrowserAvailabilityCondition.class)
class AgentsPageBrowserIT {
    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @TestHTTPResource("/")
    URL root;

    private ChromeDriver browser;
    private Path profile;

    @BeforeEach
    void openBrowser() throws Exception {
        registry.clear();
        profile = Files.createTempDirectory("marketplace-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(BrowserAvailabilityCondition.CHROMIUM)
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--window-size=1280,800",
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(BrowserAvailabilityCondition.CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    void operatorFollowsTheHomeLinkToTheStyledAgentTable() throws Exception {
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python", "code review");
        registry.register("translator", "Translator", Availability.MAINTENANCE, "translation");
        sendBearerToken(tokens.operator());

        browser.get(root.toString());

        assertThat(browser.getCurrentUrl()).endsWith("/agents");
        assertThat(browser.getTitle()).isEqualTo("Agents · Agent Marketplace");
        List<WebElement> rows = browser.findElements(By.cssSelector("table.agents tbody tr"));
        assertThat(rows)
                .extracting(row -> row.getAttribute("data-agent-id"))
                .containsExactly("python-expert", "translator");
        assertThat(rows.getFirst().findElements(By.cssSelector(".capability")))
                .extracting(WebElement::getText)
                .containsExactly("code review", "python");
        assertThat(rows.getFirst().findElement(By.cssSelector(".price")).getText())
                .isEqualTo("1.500000 USDC");
        assertThat(rows.getFirst().findElement(By.cssSelector(".capacity")).getText())
                .isEqualTo("10");
        // The stylesheet loaded: capabilities are drawn as chips, not plain inline text.
        assertThat(rows.getFirst().findElement(By.cssSelector(".capability")).getCssValue("display"))
                .isEqualTo("inline-block");

        Path screenshot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Path kept = Path.of("target", "screenshots", "agents-page.png");
        Files.createDirectories(kept.getParent());
        Files.copy(screenshot, kept, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(kept)).isPositive();
    }

    @Test
    void browserWithoutAnOperatorsTokenReadsWhyItIsRefused() {
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");

        browser.get(root.toString());

        assertThat(browser.getTitle()).isEqualTo("Sign-in required · Agent Marketplace");
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText())
                .contains("operator");
        assertThat(browser.findElements(By.cssSelector("table.agents"))).isEmpty();
    }

    /** Sign-in for browsers comes with the dashboard; until then the page reads the API's bearer token. */
    private void sendBearerToken(String token) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand(
                "Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Bearer " + token)));
    }
}
