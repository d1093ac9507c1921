package dev.agentmarketplace.core.registry;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Port: where registered agents are kept, deregistered ones included (their history stays). */
public interface AgentRepository {
    Optional<Agent> findById(AgentId id);

    /**
     * Like {@link #findById}, and locks the agent until the current unit of work ends, so that
     * concurrent hires of one provider (on any replica) are checked one after another.
     */
    Optional<Agent> findByIdForUpdate(AgentId id);

    /**
     * Locks the agents among {@code ids} that exist, in id order (the lock order's first step), as
     * {@link #findByIdForUpdate} does for one; returns them by id. Adapters may lock them all in one
     * statement.
     */
    default Map<AgentId, Agent> findAllByIdForUpdate(Collection<AgentId> ids) {
        Map<AgentId, Agent> locked = new TreeMap<>();
        for (AgentId id : new TreeSet<>(ids)) {
            findByIdForUpdate(id).ifPresent(agent -> locked.put(id, agent));
        }
        return locked;
    }

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
