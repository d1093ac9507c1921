package dev.agentmarketplace.core.registry;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Test double of the port, with the port's contract: ordered by id, duplicates refused. */
final class InMemoryAgentRepository implements AgentRepository {
    private final ConcurrentSkipListMap<AgentId, Agent> agents = new ConcurrentSkipListMap<>();

    @Override
    public Optional<Agent> findById(AgentId id) {
        return Optional.ofNullable(agents.get(id));
    }

    @Override
    public List<Agent> listAfter(Optional<AgentId> after, int limit) {
        var view = after.map(cursor -> agents.tailMap(cursor, false)).orElse(agents);
        return view.values().stream().limit(limit).toList();
    }

    @Override
    public void add(Agent agent) {
        if (agents.putIfAbsent(agent.id(), agent) != null) {
            throw AgentCatalog.alreadyRegistered(agent.id());
        }
    }
}
