package dev.agentmarketplace.core.registry;

import java.util.List;
import java.util.Optional;

/** Port: where registered agents are kept. */
public interface AgentRepository {
    Optional<Agent> findById(AgentId id);

    /** Agents in ascending id order, strictly after {@code after} when given, at most {@code limit}. */
    List<Agent> listAfter(Optional<AgentId> after, int limit);

    /**
     * Stores a new agent.
     *
     * @throws dev.agentmarketplace.core.ConflictException with {@code AGENT_ALREADY_REGISTERED} when
     *     the id is taken, even by a concurrent registration on another replica
     */
    void add(Agent agent);
}
