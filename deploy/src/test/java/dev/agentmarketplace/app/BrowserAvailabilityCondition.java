package dev.agentmarketplace.app;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Browser tests use Debian's Chromium and its driver (never a downloaded browser). Under CI they
 * always run, so a missing browser is a failure, not a skip; .ci/run installs both.
 */
final class BrowserAvailabilityCondition implements ExecutionCondition {
    static final String CHROMIUM = System.getenv().getOrDefault("MARKETPLACE_TEST_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER =
            System.getenv().getOrDefault("MARKETPLACE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI=true: browser tests never skip");
        }
        if (Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER))) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
        }
        return ConditionEvaluationResult.disabled(
                "no " + CHROMIUM + " or " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
    }
}
