package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.access.SignInLinks;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A signed-in operator's browser, lured to another site's page, cannot be made to change the dashboard. */
@QuarkusTest
@ExtendWith(BrowserAvailabilityCondition.class)
class DashboardSecurityBrowserIT {
    @Inject
    SignInLinks links;

    @TestHTTPResource("/")
    URL root;

    @Test
    void formForgedOnAnotherSiteIsRefusedAndTheOperatorStaysSignedIn() {
        try (DashboardBrowser browser = DashboardBrowser.open(root, links)) {
            browser.signInAsOperator();
            String target = root.toString().replaceAll("/$", "") + "/dashboard/sign-in/out";
            String forged = "<!DOCTYPE html><title>Win a prize</title><form method=post action='" + target + "'>"
                    + "<input type=hidden name=csrf-token value=guessed><button id=go>Claim</button></form>";

            browser.driver()
                    .get("data:text/html;charset=utf-8,"
                            + URLEncoder.encode(forged, StandardCharsets.UTF_8).replace("+", "%20"));
            browser.submitAndAwait(By.id("go"), ExpectedConditions.titleIs("Form expired · Agent Marketplace"));

            browser.screenshot("forged-form-refused");
            browser.get("/dashboard/agents");
            assertThat(browser.driver()
                            .findElement(By.cssSelector(".signed-in-as"))
                            .getText())
                    .isEqualTo("olivia");
        }
    }

    @Test
    void signOutFromTheMenuEndsTheSession() {
        try (DashboardBrowser browser = DashboardBrowser.open(root, links)) {
            browser.signInAsOperator().get("/dashboard/agents");

            browser.submitAndAwait(
                    By.cssSelector(".who button[type=submit]"),
                    ExpectedConditions.urlContains("/dashboard/sign-in?signed-out=true"));
            assertThat(browser.driver()
                            .findElement(By.cssSelector("[role=status]"))
                            .getText())
                    .contains("signed out");
            browser.get("/dashboard/agents");
            assertThat(browser.url()).contains("/dashboard/sign-in?next=");
        }
    }
}
