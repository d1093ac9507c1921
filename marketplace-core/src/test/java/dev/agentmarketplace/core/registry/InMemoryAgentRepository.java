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
    public Optional<Agent> findByIdForUpdate(AgentId id) {
        return findById(id);
    }

    @Override
    public Agent update(Agent agent) {
        Agent stored = agents.get(agent.id());
        if (stored == null) {
            throw new IllegalStateException("no agent " + agent.id());
        }
        if (stored.version() != agent.version()) {
            throw new dev.agentmarketplace.core.ConflictException(
                    dev.agentmarketplace.core.ErrorCode.CONCURRENT_MODIFICATION,
                    "agent " + agent.id() + " changed meanwhile");
        }
        Agent next = new Agent(
                agent.id(),
                agent.displayName(),
                agent.owner(),
                agent.capabilities(),
                agent.price(),
                agent.payoutWallet(),
                agent.availability(),
                agent.lastSeenAt(),
                agent.capacityPerHour(),
                agent.metadata(),
                agent.registeredAt(),
                agent.deregisteredAt(),
                agent.version() + 1);
        if (!agents.replace(agent.id(), stored, next)) {
            throw new dev.agentmarketplace.core.ConflictException(
                    dev.agentmarketplace.core.ErrorCode.CONCURRENT_MODIFICATION,
                    "agent " + agent.id() + " changed meanwhile");
        }
        return next;
    }

    @Override
    public void add(Agent agent) {
        if (agents.putIfAbsent(agent.id(), agent) != null) {
            throw AgentCatalog.alreadyRegistered(agent.id());
        }
    }
}
