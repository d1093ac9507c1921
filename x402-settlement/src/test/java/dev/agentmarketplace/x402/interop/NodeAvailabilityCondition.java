package dev.agentmarketplace.x402.interop;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The interop tests need Node.js 20+ and the packages the build's npm ci installs. Without them they
 * are skipped on a developer's machine; under CI they always run, so a missing Node.js or a failed
 * install fails the build instead of silently dropping the interoperability proof.
 */
public final class NodeAvailabilityCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI=true: the x402 interop tests never skip");
        }
        String reason = NodeScripts.unavailableBecause();
        return reason == null
                ? ConditionEvaluationResult.enabled("Node.js and the pinned reference packages are installed")
                : ConditionEvaluationResult.disabled(reason + " (set CI=true to make this a failure)");
    }
}
