package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.agentmarketplace.core.access.SignInLinks;
import dev.agentmarketplace.core.registry.Availability;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Production's sign-in: the dashboard sends a browser to Keycloak's login page (the
 * authorization-code flow of the {@code dashboard} OIDC tenant) and back to the page it asked for,
 * with the roles of the staff member's Keycloak account.
 */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
@ExtendWith(BrowserAvailabilityCondition.class)
class KeycloakDashboardBrowserIT {
    @Inject
    RegistryFixture registry;

    @Inject
    SignInLinks links;

    @TestHTTPResource("/")
    URL root;

    @Test
    void anonymousRequestIsSentToTheIdentityProvidersLoginPage() {
        given().redirects()
                .follow(false)
                .get("/dashboard/agents")
                .then()
                .statusCode(302)
                .header("Location", containsString("/realms/marketplace/protocol/openid-connect/auth"))
                .header("Location", containsString("client_id=marketplace-dashboard"));
    }

    @Test
    void operatorSignsInAtKeycloakAndLandsOnThePageTheyAskedFor() {
        registry.clear();
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");
        try (DashboardBrowser browser = DashboardBrowser.open(root, links)) {
            browser.get("/dashboard/agents");
            var page = browser.driver();
            new WebDriverWait(page, Duration.ofSeconds(20))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            assertThat(page.getCurrentUrl()).contains("/realms/marketplace/");
            page.findElement(By.id("username")).sendKeys("olivia");
            page.findElement(By.id("password")).sendKeys("olivia-password");
            page.findElement(By.id("kc-login")).click();

            new WebDriverWait(page, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/dashboard/agents"));
            assertThat(page.getTitle()).isEqualTo("Agents · Agent Marketplace");
            assertThat(page.findElements(By.cssSelector("tr[data-agent-id='python-expert']")))
                    .hasSize(1);
            assertThat(page.findElement(By.cssSelector(".signed-in-as")).getText())
                    .isEqualTo("olivia");
            // An operator is not an admin: no client management in the menu.
            assertThat(page.findElements(By.cssSelector("nav a[href='/dashboard/clients']")))
                    .isEmpty();
            browser.screenshot("keycloak-sign-in");
        }
    }

    @Test
    void localSignInLinksAreOffWhenTheIdentityProviderSignsStaffIn() {
        given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("link", "anything")
                .post("/dashboard/sign-in")
                .then()
                .statusCode(302)
                .header("Location", containsString("/protocol/openid-connect/auth"));
    }
}
