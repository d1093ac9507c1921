package dev.agentmarketplace.api.security;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.access.AgentClients;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.registry.AgentId;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses every token of an agent whose client an admin disabled, from the moment the disablement
 * commits and on every replica: the client row is read (by primary key, off the event loop) for each
 * request an agent's token authenticates, so nothing is cached that a replica could still trust.
 * Tokens of agents without a client here (another issuer's, the command line's) pass unchanged, as do
 * staff tokens; a malformed agent id is left to {@link CurrentCaller}, which refuses it.
 */
@ApplicationScoped
public class DisabledClientCheck implements SecurityIdentityAugmentor {
    private final AgentClients clients;
    private final AuthConfig config;

    DisabledClientCheck(AgentClients clients, AuthConfig config) {
        this.clients = clients;
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token) || !identity.hasRole(Role.AGENT.claimValue())) {
            return Uni.createFrom().item(identity);
        }
        Optional<AgentId> agent = agentOf(token);
        if (agent.isEmpty()) {
            return Uni.createFrom().item(identity);
        }
        Instant issuedAt = Instant.ofEpochSecond(Math.max(0, token.getIssuedAtTime()));
        return context.runBlocking(() -> {
            if (!clients.acceptsToken(agent.get(), issuedAt)) {
                throw ClientDisabledException.refusing(agent.get().value());
            }
            return identity;
        });
    }

    private Optional<AgentId> agentOf(JsonWebToken token) {
        Optional<String> text = AgentIdClaim.textOf(token, config.agentIdClaim());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(AgentId.of(text.get()));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }
}
