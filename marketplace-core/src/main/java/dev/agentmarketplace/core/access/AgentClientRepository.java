package dev.agentmarketplace.core.access;

import dev.agentmarketplace.core.registry.AgentId;
import java.util.List;
import java.util.Optional;

/** Port: the embedded issuer's clients. */
public interface AgentClientRepository {
    /**
     * Stores a new client.
     *
     * @throws dev.agentmarketplace.core.ConflictException with {@code CLIENT_ALREADY_EXISTS} when
     *     the agent already has a client
     */
    void add(AgentClient client);

    Optional<AgentClient> find(AgentId agent);

    /**
     * Whether the client of {@code agent} is disabled and from when its tokens count again; empty
     * when the agent has no client. Read for every request an agent's token authenticates, so
     * adapters make it one cheap read that needs no unit of work.
     */
    default Optional<AgentClient.Access> accessOf(AgentId agent) {
        return find(agent).map(AgentClient::access);
    }

    /**
     * Stores whether the client of {@code agent} is disabled and from when its tokens count again.
     *
     * @return the client as stored now, or empty when the agent has no client
     */
    Optional<AgentClient> setAccess(
            AgentId agent, Optional<AgentClient.Disablement> disabled, Optional<java.time.Instant> tokensIssuedFrom);

    /** Clients in agent id order, strictly after {@code after} when given, at most {@code limit}. */
    List<AgentClient> list(Optional<AgentId> after, int limit);
}
