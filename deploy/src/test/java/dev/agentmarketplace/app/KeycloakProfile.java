package dev.agentmarketplace.app;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The platform as production runs it: the embedded issuer off, Keycloak verifying every token, and
 * the dashboard signing staff in through Keycloak's authorization-code flow (the prod profile's
 * {@code dashboard} tenant, pointed at the test realm).
 */
public class KeycloakProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("marketplace.dashboard.sign-in", "oidc"),
                Map.entry("quarkus.oidc.dashboard.auth-server-url", "${quarkus.oidc.auth-server-url}"),
                Map.entry("quarkus.oidc.dashboard.application-type", "web-app"),
                Map.entry("quarkus.oidc.dashboard.client-id", "marketplace-dashboard"),
                Map.entry("quarkus.oidc.dashboard.credentials.secret", "dashboard-secret"),
                Map.entry("quarkus.oidc.dashboard.tenant-paths", "/dashboard,/dashboard/*"),
                Map.entry("quarkus.oidc.dashboard.roles.source", "accesstoken"),
                Map.entry("quarkus.oidc.dashboard.roles.role-claim-path", "realm_access/roles"),
                Map.entry("quarkus.oidc.dashboard.authentication.restore-path-after-redirect", "true"),
                Map.entry("quarkus.oidc.dashboard.logout.path", "/dashboard/sign-in/out"),
                Map.entry("quarkus.oidc.dashboard.logout.post-logout-path", "/dashboard/sign-in"),
                Map.entry("quarkus.http.auth.permission.dashboard.paths", "/dashboard,/dashboard/*"),
                Map.entry("quarkus.http.auth.permission.dashboard.policy", "authenticated"),
                Map.entry("quarkus.http.auth.permission.dashboard-assets.paths", "/dashboard/assets/*,/webjars/*"),
                Map.entry("quarkus.http.auth.permission.dashboard-assets.policy", "permit"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KeycloakServer.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
