package dev.agentmarketplace.core.access;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.KeysetPages;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.registry.AgentId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The embedded issuer's client registry: only an admin creates clients or reads them. */
public final class AgentClients {
    public static final int MAX_PAGE_SIZE = 200;

    private final AgentClientRepository clients;
    private final Clock clock;
    private final ClientTokenMinter minter;

    public AgentClients(AgentClientRepository clients, Clock clock) {
        this(clients, clock, client -> {
            throw new ConflictException(ErrorCode.LOCAL_ISSUER_DISABLED, "no token issuer is configured here");
        });
    }

    public AgentClients(AgentClientRepository clients, Clock clock, ClientTokenMinter minter) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.minter = Objects.requireNonNull(minter, "minter");
    }

    /**
     * A new token for the client of {@code agent}, shown to the admin once.
     *
     * @throws AccessDeniedException with {@code ROLE_REQUIRED} unless {@code admin} is an admin
     * @throws NotFoundException with {@code CLIENT_NOT_FOUND} when it has none
     * @throws ConflictException with {@code CLIENT_DISABLED} while the client is disabled: the token
     *     would be refused, and enabling the client later would refuse it too
     */
    public ClientTokenMinter.IssuedToken mintToken(Caller admin, AgentId agent) {
        AgentClient client = get(admin, agent);
        if (client.isDisabled()) {
            throw new ConflictException(
                    ErrorCode.CLIENT_DISABLED, "agent '" + agent + "' has a disabled client; enable it first");
        }
        return minter.mint(client);
    }

    /**
     * Creates the client of {@code agent}, whose tokens carry the agent role plus {@code extraRoles}.
     *
     * @throws AccessDeniedException with {@code ROLE_REQUIRED} unless {@code admin} is an admin
     * @throws ConflictException with {@code CLIENT_ALREADY_EXISTS} when the agent has a client
     */
    public AgentClient create(Caller admin, AgentId agent, Set<Role> extraRoles) {
        admin.require(Role.ADMIN);
        AgentClient client = new AgentClient(agent, extraRoles, admin.subject(), now());
        clients.add(client);
        return client;
    }

    /**
     * The client of {@code agent}, for an admin.
     *
     * @throws NotFoundException with {@code CLIENT_NOT_FOUND} when it has none
     */
    public AgentClient get(Caller admin, AgentId agent) {
        admin.require(Role.ADMIN);
        return clients.find(agent).orElseThrow(() -> notFound(agent));
    }

    /**
     * Disables the client of {@code agent}: from the moment this returns, every token of the agent is
     * refused, on every replica ({@link #acceptsToken}). Disabling a disabled client changes nothing.
     *
     * @throws AccessDeniedException with {@code ROLE_REQUIRED} unless {@code admin} is an admin
     * @throws NotFoundException with {@code CLIENT_NOT_FOUND} when it has none
     */
    public AgentClient disable(Caller admin, AgentId agent) {
        AgentClient client = get(admin, agent);
        if (client.isDisabled()) {
            return client;
        }
        return clients.setAccess(
                        agent,
                        Optional.of(new AgentClient.Disablement(admin.subject(), now())),
                        client.tokensIssuedFrom())
                .orElseThrow(() -> notFound(agent));
    }

    /**
     * Enables the client of {@code agent} again. Tokens issued before this moment stay refused (a
     * client is usually disabled because a token leaked); mint a new one. Enabling an enabled client
     * changes nothing.
     *
     * @throws AccessDeniedException with {@code ROLE_REQUIRED} unless {@code admin} is an admin
     * @throws NotFoundException with {@code CLIENT_NOT_FOUND} when it has none
     */
    public AgentClient enable(Caller admin, AgentId agent) {
        AgentClient client = get(admin, agent);
        if (!client.isDisabled()) {
            return client;
        }
        return clients.setAccess(agent, Optional.empty(), Optional.of(now())).orElseThrow(() -> notFound(agent));
    }

    /**
     * Whether a token of {@code agent} issued at {@code issuedAt} is accepted: an agent without a
     * client here (its tokens come from another issuer, or from the command line) always is; a
     * client's only as {@link AgentClient#acceptsTokenIssuedAt} says. One primary-key read, made for
     * every request an agent's token authenticates.
     */
    public boolean acceptsToken(AgentId agent, Instant issuedAt) {
        return clients.accessOf(agent)
                .map(access -> access.acceptsTokenIssuedAt(issuedAt))
                .orElse(true);
    }

    /** A page of clients in agent id order; pass the returned cursor as {@code after} for the next. */
    public Page list(Caller admin, Optional<AgentId> after, int limit) {
        admin.require(Role.ADMIN);
        return KeysetPages.read(limit, MAX_PAGE_SIZE, rows -> clients.list(after, rows), AgentClient::agent, Page::new);
    }

    /** One page of clients; {@code nextCursor} is present when more follow. */
    public record Page(List<AgentClient> clients, Optional<AgentId> nextCursor) {
        public Page {
            clients = List.copyOf(clients);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public static ConflictException alreadyExists(AgentId agent) {
        return new ConflictException(ErrorCode.CLIENT_ALREADY_EXISTS, "agent '" + agent + "' already has a client");
    }

    public static NotFoundException notFound(AgentId agent) {
        return new NotFoundException(ErrorCode.CLIENT_NOT_FOUND, "agent '" + agent + "' has no client");
    }
}
