package dev.agentmarketplace.api.registry;

import dev.agentmarketplace.core.discovery.SearchCursor;
import dev.agentmarketplace.core.discovery.SearchPage;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentPage;
import dev.agentmarketplace.core.registry.Availability;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of agents; pass {@code nextCursor} as {@code after} to get the next page. */
@Schema(name = "AgentPage")
public record AgentPageView(
        List<AgentView> items,

        @Schema(description = "Cursor of the next page; null on the last page", nullable = true)
        String nextCursor) {

    static AgentPageView of(AgentPage page, Function<Agent, Availability> effectiveAvailability) {
        return new AgentPageView(
                page.agents().stream()
                        .map(agent -> AgentView.of(agent, effectiveAvailability.apply(agent)))
                        .toList(),
                page.nextCursor().map(AgentId::value).orElse(null));
    }

    /** A page of a filtered listing: each agent with the availability the search filtered on. */
    static AgentPageView of(SearchPage page) {
        return new AgentPageView(
                page.hits().stream()
                        .map(hit -> AgentView.of(hit.agent(), hit.availability()))
                        .toList(),
                page.nextCursor().map(SearchCursor::token).orElse(null));
    }
}
