package dev.agentmarketplace.core.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of agents and the cursor of the next page, empty on the last page. */
public record AgentPage(List<Agent> agents, Optional<AgentId> nextCursor) {
    public AgentPage {
        agents = List.copyOf(agents);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
