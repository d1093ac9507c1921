package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.access.SignInLinks;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** An admin manages clients in a real headless Chromium; disabling one refuses its token at once. */
@QuarkusTest
@ExtendWith(BrowserAvailabilityCondition.class)
class ClientsPageBrowserIT {
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
        registry.clear();
    }

    @Test
    void adminCreatesAClientDisablesItInTheBrowserAndItsTokenIsRefused() throws Exception {
        browser.signInAs("adam", "/dashboard/clients", Role.ADMIN);
        var page = browser.driver();
        assertThat(page.getTitle()).isEqualTo("Clients · Agent Marketplace");

        page.findElement(By.id("agentId")).sendKeys("not valid!");
        assertThat(browser.submitAndAwait(
                                By.cssSelector(".create-client-form button[type=submit]"), By.id("agentId-error"))
                        .getText())
                .contains("agentId");
        assertThat(page.findElement(By.id("agentId")).getAttribute("aria-invalid"))
                .isEqualTo("true");

        page.findElement(By.id("agentId")).clear();
        page.findElement(By.id("agentId")).sendKeys("python-expert");
        String token = browser.submitAndAwait(
                        By.cssSelector(".create-client-form button[type=submit]"), By.id("minted-token"))
                .getText()
                .strip();
        assertThat(token).isNotBlank();
        given().auth().oauth2(token).get("/api/v1/agents").then().statusCode(200);

        page.findElement(By.cssSelector("form[action='/dashboard/clients/python-expert/disable'] button"))
                .click();
        new WebDriverWait(page, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("tr[data-agent-id='python-expert'][data-disabled='true']")));
        assertThat(page.findElement(By.cssSelector("tr[data-agent-id='python-expert'] .client-status"))
                        .getText())
                .isEqualTo("Disabled");

        given().auth()
                .oauth2(token)
                .get("/api/v1/agents")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("CLIENT_DISABLED"));
        assertThat(Files.size(browser.screenshot("clients"))).isPositive();
    }

    @Test
    void operatorIsRefusedTheClientsPage() {
        browser.signInAs("olivia", "/dashboard/clients", Role.OPERATOR);

        assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("Admins only");
        assertThat(browser.driver().findElements(By.id("agentId"))).isEmpty();
    }
}
