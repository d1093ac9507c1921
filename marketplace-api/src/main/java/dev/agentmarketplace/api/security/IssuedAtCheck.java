package dev.agentmarketplace.api.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a token issued in the future. quarkus-oidc checks {@code exp} and, when configured, a
 * maximum age, but a negative age passes; a token dated ahead is either forged with a stolen key to
 * outlive a rotation or comes from a provider whose clock is wrong, and is refused either way
 * (RFC 7519 §4.1.6 leaves the check to the recipient). {@code marketplace.auth.clock-skew} absorbs
 * clocks that differ a little.
 */
@ApplicationScoped
public class IssuedAtCheck implements SecurityIdentityAugmentor {
    private final Clock clock;
    private final AuthConfig config;

    IssuedAtCheck(Clock clock, AuthConfig config) {
        this.clock = clock;
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getIssuedAtTime() > 0) {
            Instant latestAcceptable = clock.instant().plus(config.clockSkew());
            if (Instant.ofEpochSecond(token.getIssuedAtTime()).isAfter(latestAcceptable)) {
                return Uni.createFrom()
                        .failure(new AuthenticationFailedException("the token's iat lies in the future"));
            }
        }
        return Uni.createFrom().item(identity);
    }
}
