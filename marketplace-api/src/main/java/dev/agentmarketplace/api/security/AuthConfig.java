package dev.agentmarketplace.api.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** How callers are authenticated: {@code marketplace.auth.*}, every key listed in the README. */
@ConfigMapping(prefix = "marketplace.auth")
public interface AuthConfig {
    /**
     * The token claim naming the agent a caller acts as: {@code sub} for the embedded issuer, for
     * example {@code client_id} or {@code azp} for Keycloak's client-credentials tokens.
     */
    @WithDefault("sub")
    String agentIdClaim();

    /**
     * How far ahead of this replica's clock a token's {@code iat} may be, for clocks that disagree a
     * little; a token issued later than that is refused.
     */
    @WithDefault("60s")
    Duration clockSkew();

    LocalIssuer localIssuer();

    /** The embedded issuer: on by default, so the platform runs with no identity server at all. */
    interface LocalIssuer {
        @WithDefault("true")
        boolean enabled();

        /** Where its RSA key pair lives; created on first start. */
        Path keyDirectory();

        /** The {@code iss} of its tokens, which verification insists on. */
        @WithDefault("urn:agent-marketplace:local-issuer")
        String issuer();

        /** How long a minted token is valid. */
        @WithDefault("P30D")
        Duration tokenLifetime();
    }
}
