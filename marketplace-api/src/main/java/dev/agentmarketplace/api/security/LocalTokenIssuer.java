package dev.agentmarketplace.api.security;

import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.registry.AgentId;
import io.smallrye.jwt.build.Jwt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Mints the embedded issuer's RS256 tokens: {@code sub} is the agent (or the staff member),
 * {@code groups} holds the roles, and the agent id claim names the agent too when it is not
 * {@code sub}. Verification is quarkus-oidc's, with the public key, exactly as for any provider.
 */
public final class LocalTokenIssuer {
    private final LocalIssuerKeys keys;
    private final String issuer;
    private final String agentIdClaim;
    private final Duration lifetime;
    private final Clock clock;

    public LocalTokenIssuer(LocalIssuerKeys keys, String issuer, String agentIdClaim, Duration lifetime, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.agentIdClaim = Objects.requireNonNull(agentIdClaim, "agentIdClaim");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A signed token for {@code subject}, acting as {@code agent} when given, holding {@code roles}. */
    public MintedToken mint(String subject, Optional<AgentId> agent, Set<Role> roles) {
        return mint(subject, agent, roles, lifetime);
    }

    /** As {@link #mint(String, Optional, Set)}, valid for {@code lifetime} instead of the issuer's default. */
    public MintedToken mint(String subject, Optional<AgentId> agent, Set<Role> roles, Duration lifetime) {
        Instant issuedAt = clock.instant();
        Instant expiresAt = issuedAt.plus(lifetime);
        var claims = Jwt.issuer(issuer)
                .subject(subject)
                .groups(roles.stream().map(Role::claimValue).collect(Collectors.toSet()))
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString());
        if (!"sub".equals(agentIdClaim)) {
            agent.ifPresent(id -> claims.claim(agentIdClaim, id.value()));
        }
        String token = claims.jws().keyId(keys.keyId()).sign(keys.keyPair().getPrivate());
        return new MintedToken(token, expiresAt);
    }

    /** A token for {@code agent}, whose subject it is. */
    public MintedToken mintForAgent(AgentId agent, Set<Role> roles) {
        return mint(agent.value(), Optional.of(agent), roles);
    }

    public record MintedToken(String token, Instant expiresAt) {}
}
