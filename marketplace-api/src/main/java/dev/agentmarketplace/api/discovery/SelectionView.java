package dev.agentmarketplace.api.discovery;

import dev.agentmarketplace.api.registry.AgentView;
import dev.agentmarketplace.core.discovery.SelectionStrategy;
import dev.agentmarketplace.core.registry.Capability;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The one agent a selection strategy picked. */
@Schema(name = "Selection")
public record SelectionView(
        @Schema(description = "The capability, normalized", examples = "python")
        String capability,

        @Schema(
                description = "The strategy that picked the agent",
                enumeration = {"ROUND_ROBIN", "LEAST_LOADED", "RANDOM"})
        String strategy,

        AgentView agent) {

    static SelectionView of(Capability capability, SelectionStrategy strategy, AgentView agent) {
        String name = switch (strategy) {
            case SelectionStrategy.RoundRobin() -> DiscoveryParameters.Strategy.ROUND_ROBIN.name();
            case SelectionStrategy.LeastLoaded() -> DiscoveryParameters.Strategy.LEAST_LOADED.name();
            case SelectionStrategy.Random random -> DiscoveryParameters.Strategy.RANDOM.name();
        };
        return new SelectionView(capability.name(), name, agent);
    }
}
