package dev.agentmarketplace.app.kubernetes;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The manifests are rendered by {@code kubectl kustomize}. Under CI the tests always run, so a
 * missing kubectl is a failure, not a skip; .ci/run installs Debian's kubernetes-client.
 */
final class KubectlAvailabilityCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI=true: the manifests' tests never skip");
        }
        if (Kubectl.available()) {
            return ConditionEvaluationResult.enabled(Kubectl.COMMAND + " is installed");
        }
        return ConditionEvaluationResult.disabled("no " + Kubectl.COMMAND
                + " on PATH (apt-get install kubernetes-client, or set MARKETPLACE_TEST_KUBECTL)");
    }
}
