package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.access.AgentClient;
import dev.agentmarketplace.core.access.AgentClientRepository;
import dev.agentmarketplace.core.access.AgentClients;
import dev.agentmarketplace.core.registry.AgentId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The agent-client port in memory, ordered by agent id. */
public final class InMemoryAgentClientRepository implements AgentClientRepository {
    private final ConcurrentSkipListMap<String, AgentClient> clients = new ConcurrentSkipListMap<>();

    @Override
    public void add(AgentClient client) {
        if (clients.putIfAbsent(client.agent().value(), client) != null) {
            throw AgentClients.alreadyExists(client.agent());
        }
    }

    @Override
    public Optional<AgentClient> find(AgentId agent) {
        return Optional.ofNullable(clients.get(agent.value()));
    }

    @Override
    public Optional<AgentClient> setAccess(
            AgentId agent, Optional<AgentClient.Disablement> disabled, Optional<Instant> tokensIssuedFrom) {
        return Optional.ofNullable(clients.computeIfPresent(
                agent.value(),
                (id, client) -> new AgentClient(
                        client.agent(),
                        client.roles(),
                        client.createdBy(),
                        client.createdAt(),
                        disabled,
                        tokensIssuedFrom)));
    }

    @Override
    public List<AgentClient> list(Optional<AgentId> after, int limit) {
        var view = after.map(cursor -> clients.tailMap(cursor.value(), false)).orElse(clients);
        return view.values().stream().limit(limit).toList();
    }
}
