package dev.agentmarketplace.api.security;

import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.access.SignInCredentials;
import dev.agentmarketplace.core.access.SignInLink;
import dev.agentmarketplace.core.access.StaffSession;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded issuer's sign-in links and dashboard sessions. A session is an ordinary token of the
 * issuer with the staff member's roles, which {@link DashboardSessionCookie} presents as a bearer
 * token for dashboard pages only.
 */
public final class LocalSignInCredentials implements SignInCredentials {
    private final LocalTokenIssuer tokens;
    private final SignInLinkCodec links;
    private final Clock clock;

    public LocalSignInCredentials(LocalIssuerKeys keys, LocalTokenIssuer tokens, String issuer, Clock clock) {
        this.tokens = tokens;
        this.links = new SignInLinkCodec(keys, issuer);
        this.clock = clock;
    }

    @Override
    public String issueLink(String subject, Set<Role> roles, Duration lifetime) {
        return links.encode(subject, roles, clock.instant(), lifetime);
    }

    @Override
    public SignInLink read(String presented) {
        return links.decode(presented);
    }

    @Override
    public StaffSession openSession(String subject, Set<Role> roles, Duration lifetime) {
        LocalTokenIssuer.MintedToken token = tokens.mint(subject, Optional.empty(), roles, lifetime);
        return new StaffSession(token.token(), token.expiresAt());
    }
}
