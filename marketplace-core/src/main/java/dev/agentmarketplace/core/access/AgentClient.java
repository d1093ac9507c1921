package dev.agentmarketplace.core.access;

import dev.agentmarketplace.core.registry.AgentId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A client of the embedded token issuer: the agent it stands for, the roles its tokens carry
 * (always {@code AGENT}), who created it and when, and whether an admin disabled it. Tokens
 * themselves are never stored.
 *
 * @param disabled who disabled it and when; while present, every token of the agent is refused
 * @param tokensIssuedFrom the client was enabled again at this time: tokens issued before it (and so
 *     possibly before the disablement) stay refused, so enabling a client never revives a token that
 *     was disabled because it leaked
 */
public record AgentClient(
        AgentId agent,
        Set<Role> roles,
        String createdBy,
        Instant createdAt,
        Optional<Disablement> disabled,
        Optional<Instant> tokensIssuedFrom) {
    public AgentClient {
        Objects.requireNonNull(agent, "agent");
        Set<Role> all = EnumSet.of(Role.AGENT);
        all.addAll(roles);
        roles = Set.copyOf(all);
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(disabled, "disabled");
        Objects.requireNonNull(tokensIssuedFrom, "tokensIssuedFrom");
    }

    /** A new, enabled client. */
    public AgentClient(AgentId agent, Set<Role> roles, String createdBy, Instant createdAt) {
        this(agent, roles, createdBy, createdAt, Optional.empty(), Optional.empty());
    }

    public boolean isDisabled() {
        return disabled.isPresent();
    }

    /**
     * Whether a token of this client issued at {@code issuedAt} is accepted: never while the client is
     * disabled, and not when it was issued before the client was last enabled again. Token times are
     * whole seconds (JWT {@code iat}), so the comparison is too.
     */
    public boolean acceptsTokenIssuedAt(Instant issuedAt) {
        return access().acceptsTokenIssuedAt(issuedAt);
    }

    /** What decides whether its tokens are accepted. */
    public Access access() {
        return new Access(isDisabled(), tokensIssuedFrom);
    }

    /**
     * Whether a client is disabled, and from when its tokens count again: all that {@link
     * AgentClients#acceptsToken} reads on every request an agent's token authenticates.
     */
    public record Access(boolean disabled, Optional<Instant> tokensIssuedFrom) {
        public Access {
            Objects.requireNonNull(tokensIssuedFrom, "tokensIssuedFrom");
        }

        /** See {@link AgentClient#acceptsTokenIssuedAt}. */
        public boolean acceptsTokenIssuedAt(Instant issuedAt) {
            return !disabled
                    && tokensIssuedFrom
                            .map(from -> !issuedAt.isBefore(from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                            .orElse(true);
        }
    }

    /** Who disabled a client, and when. */
    public record Disablement(String by, Instant at) {
        public Disablement {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
        }
    }
}
