package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.AgentRepository;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/** The agent port in memory, with the port's contract: ordered by id, duplicates and stale versions refused. */
public final class InMemoryAgentRepository implements AgentRepository {
    private final ConcurrentSkipListMap<AgentId, Agent> agents = new ConcurrentSkipListMap<>();
    private final InMemoryUnitOfWork unitOfWork;

    public InMemoryAgentRepository(InMemoryUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    public InMemoryAgentRepository() {
        this(new InMemoryUnitOfWork());
    }

    @Override
    public Optional<Agent> findById(AgentId id) {
        return Optional.ofNullable(agents.get(id));
    }

    @Override
    public Optional<Agent> findByIdForUpdate(AgentId id) {
        // The in-memory unit of work runs one work at a time, which is a lock on everything.
        return findById(id);
    }

    @Override
    public List<Agent> listAfter(Optional<AgentId> after, int limit) {
        var view = after.map(cursor -> agents.tailMap(cursor, false)).orElse(agents);
        return view.values().stream().limit(limit).toList();
    }

    @Override
    public Set<AgentId> deregisteredAmong(Set<AgentId> ids) {
        return ids.stream()
                .map(agents::get)
                .filter(agent -> agent != null && agent.isDeregistered())
                .map(Agent::id)
                .collect(Collectors.toSet());
    }

    /** Every stored agent in id order, for in-memory adapters of other ports that read the registry. */
    public List<Agent> all() {
        return List.copyOf(agents.values());
    }

    @Override
    public void add(Agent agent) {
        if (agents.putIfAbsent(agent.id(), agent) != null) {
            throw AgentRegistry.alreadyRegistered(agent.id());
        }
        unitOfWork.onRollback(() -> agents.remove(agent.id()));
    }

    @Override
    public Agent update(Agent agent) {
        Agent stored = agents.get(agent.id());
        if (stored == null) {
            throw new IllegalStateException("no agent " + agent.id() + " to update");
        }
        Agent next = agent.toBuilder().version(agent.version() + 1).build();
        if (stored.version() != agent.version() || !agents.replace(agent.id(), stored, next)) {
            throw AgentRegistry.concurrentModification(agent.id());
        }
        unitOfWork.onRollback(() -> agents.replace(agent.id(), next, stored));
        return next;
    }
}
