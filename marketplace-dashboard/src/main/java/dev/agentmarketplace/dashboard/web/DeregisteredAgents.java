package dev.agentmarketplace.dashboard.web;

import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistry;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The deregistered agents among the parties a list page shows (issue 12: deregistered agents shown
 * as such), read with one query for the whole page; its template asks {@code deregistered.has(id)}
 * and marks the agent as the detail pages do.
 */
public record DeregisteredAgents(Set<AgentId> ids) {
    public static final DeregisteredAgents NONE = new DeregisteredAgents(Set.of());

    public DeregisteredAgents {
        ids = Set.copyOf(ids);
    }

    public static DeregisteredAgents among(AgentRegistry registry, Stream<AgentId> parties) {
        return new DeregisteredAgents(registry.deregisteredAmong(parties.collect(Collectors.toSet())));
    }

    public boolean has(AgentId id) {
        return ids.contains(id);
    }
}
