package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.registry.AgentId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of the operators' listing, in id order, and the id the next page starts after (empty on the last). */
public record ListingPage(List<ListedAgent> agents, Optional<AgentId> nextCursor) {
    public ListingPage {
        agents = List.copyOf(agents);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
