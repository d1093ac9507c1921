package dev.agentmarketplace.core.registry;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Port: where registered agents are kept, deregistered ones included (their history stays). */
public interface AgentRepository {
    Optional<Agent> findById(AgentId id);

    /**
     * Like {@link #findById}, and locks the agent until the current unit of work ends, so that
     * concurrent hires of one provider (on any replica) are checked one after another.
     */
    Optional<Agent> findByIdForUpdate(AgentId id);

    /** Agents in ascending id order, strictly after {@code after} when given, at most {@code limit}. */
    List<Agent> listAfter(Optional<AgentId> after, int limit);

    /**
     * The agents among {@code ids} that are deregistered, read at once (a page's parties, a few
     * hundred ids at most: the registry bounds it); an unknown id is not among them.
     */
    Set<AgentId> deregisteredAmong(Set<AgentId> ids);

    /**
     * Stores a new agent (its version is 0).
     *
     * @throws dev.agentmarketplace.core.ConflictException with {@code AGENT_ALREADY_REGISTERED} when
     *     the id is taken, even by a concurrent registration on another replica
     */
    void add(Agent agent);

    /**
     * Replaces a stored agent and returns it with its version increased by one.
     *
     * @throws dev.agentmarketplace.core.ConflictException with {@code CONCURRENT_MODIFICATION} when
     *     the stored version is no longer {@code agent.version()} (someone else changed it first)
     */
    Agent update(Agent agent);
}
