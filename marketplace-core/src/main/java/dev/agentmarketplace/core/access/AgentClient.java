package dev.agentmarketplace.core.access;

import dev.agentmarketplace.core.registry.AgentId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A client of the embedded token issuer: the agent it stands for, the roles its tokens carry
 * (always {@code AGENT}), who created it and when. Tokens themselves are never stored.
 */
public record AgentClient(AgentId agent, Set<Role> roles, String createdBy, Instant createdAt) {
    public AgentClient {
        Objects.requireNonNull(agent, "agent");
        Set<Role> all = EnumSet.of(Role.AGENT);
        all.addAll(roles);
        roles = Set.copyOf(all);
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
