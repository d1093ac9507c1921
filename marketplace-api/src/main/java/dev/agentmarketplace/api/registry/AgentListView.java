package dev.agentmarketplace.api.registry;

import dev.agentmarketplace.core.registry.Agent;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The agents a bulk operation wrote, in the order of its items. */
@Schema(name = "AgentList")
public record AgentListView(List<AgentView> items) {

    static AgentListView of(List<Agent> agents, Function<Agent, AgentView> view) {
        return new AgentListView(agents.stream().map(view).toList());
    }
}
