package dev.agentmarketplace.dashboard.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How staff sign in to the dashboard: {@code marketplace.dashboard.*}, every key listed in the README. */
@ConfigMapping(prefix = "marketplace.dashboard")
public interface DashboardConfig {
    /**
     * {@code link}: one-time links of the embedded issuer (the local run); {@code oidc}: the
     * authorization-code flow of the {@code dashboard} OIDC tenant (production, e.g. Keycloak).
     */
    @WithDefault("link")
    SignInMode signIn();

    /** How long a browser stays signed in after redeeming a link. */
    @WithDefault("PT8H")
    Duration sessionLifetime();

    /** How long a printed sign-in link may be used (once). */
    @WithDefault("PT15M")
    Duration linkLifetime();

    /** The address staff open the dashboard at, for the links printed on the command line and at start. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Whether a local run prints an admin's sign-in link when it starts. */
    @WithDefault("true")
    boolean signInLinkAtStart();

    enum SignInMode {
        LINK,
        OIDC
    }
}
