package dev.agentmarketplace.api.security;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.access.AccessDeniedException;
import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.registry.AgentId;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The {@link Caller} of the current request, read from the verified token: its principal, its
 * roles (names other than agent, operator and admin are ignored) and, for an agent, the agent id
 * claim, validated like any identifier at the boundary.
 */
@RequestScoped
public class CurrentCaller {
    private final SecurityIdentity identity;
    private final AuthConfig config;
    private Caller caller;

    CurrentCaller(SecurityIdentity identity, AuthConfig config) {
        this.identity = identity;
        this.config = config;
    }

    /** @throws UnauthorizedException when the request carries no valid token */
    public Caller get() {
        if (caller == null) {
            caller = read();
        }
        return caller;
    }

    private Caller read() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        identity.getRoles().forEach(name -> Role.fromClaim(name).ifPresent(roles::add));
        Optional<AgentId> agent = roles.contains(Role.AGENT) ? agentOf(identity) : Optional.empty();
        if (agent.isEmpty()) {
            roles.remove(Role.AGENT);
        }
        String subject = identity.getPrincipal().getName();
        return new Caller(subject == null || subject.isBlank() ? "unnamed" : subject, agent, roles);
    }

    private Optional<AgentId> agentOf(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        String claim = config.agentIdClaim();
        Optional<String> text = AgentIdClaim.textOf(token, claim);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(AgentId.of(text.get()));
        } catch (InvalidValueException e) {
            throw new AccessDeniedException(
                    ErrorCode.ROLE_REQUIRED, "the token's '" + claim + "' claim is not a valid agent id");
        }
    }
}
