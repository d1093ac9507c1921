package dev.agentmarketplace.app;

import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.access.SignInLinks;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driving the dashboard as an operator does: it signs in by opening a
 * one-time link and pressing "Sign in", exactly as printed by {@code sign-in-link}.
 */
public final class DashboardBrowser implements AutoCloseable {
    private final ChromeDriver driver;
    private final Path profile;
    private final String root;
    private final SignInLinks links;

    private DashboardBrowser(ChromeDriver driver, Path profile, String root, SignInLinks links) {
        this.driver = driver;
        this.profile = profile;
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        this.links = links;
    }

    /** A fresh browser (its own profile: no cookies) for the application at {@code root}. */
    public static DashboardBrowser open(URL root, SignInLinks links) {
        try {
            Path profile = Files.createTempDirectory("marketplace-chromium");
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
                            "--window-size=1366,900",
                            "--user-data-dir=" + profile);
            // The console is where Chromium reports what the Content-Security-Policy blocked.
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(BrowserAvailabilityCondition.CHROMEDRIVER))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new DashboardBrowser(driver, profile, root.toString(), links);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DashboardBrowser signInAsOperator() {
        return signInAs("olivia", "/dashboard", Role.OPERATOR);
    }

    public DashboardBrowser signInAsAdmin() {
        return signInAs("adam", "/dashboard", Role.ADMIN);
    }

    /** Opens a one-time link for {@code subject}, presses "Sign in" and waits for the page {@code next}. */
    public DashboardBrowser signInAs(String subject, String next, Role... roles) {
        String link = links.issue(subject, Set.of(roles), Duration.ofMinutes(5));
        driver.get(root + "/dashboard/sign-in?link=" + URLEncoder.encode(link, StandardCharsets.UTF_8) + "&next="
                + URLEncoder.encode(next, StandardCharsets.UTF_8));
        driver.findElement(By.cssSelector("form[action='/dashboard/sign-in'] button[type=submit]"))
                .click();
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.not(ExpectedConditions.urlContains("/dashboard/sign-in")));
        return this;
    }

    /**
     * Presses {@code button} and waits for {@code expected} on the page that answers: a click that submits a form
     * returns before the answer is loaded, and on a timeout the message shows what the page said instead.
     */
    public WebElement submitAndAwait(By button, By expected) {
        return submitAndAwait(button, ExpectedConditions.presenceOfElementLocated(expected));
    }

    /** As {@link #submitAndAwait(By, By)}, for any condition on the page that answers. */
    public <T> T submitAndAwait(By button, ExpectedCondition<T> answered) {
        driver.findElement(button).click();
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .withMessage(() -> "the page at " + driver.getCurrentUrl() + " answered: "
                        + driver.findElement(By.tagName("body")).getText())
                .until(answered);
    }

    /** Opens {@code path} of the dashboard, e.g. {@code /dashboard/agents?capability=python}. */
    public DashboardBrowser get(String path) {
        driver.get(root + path);
        return this;
    }

    /** What the page wrote to the console, or the browser about it (blocked scripts and styles among them). */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .toList();
    }

    public ChromeDriver driver() {
        return driver;
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png} and returns its path. */
    public Path screenshot(String name) {
        try {
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Path kept = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(kept.getParent());
            Files.copy(shot, kept, StandardCopyOption.REPLACE_EXISTING);
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
