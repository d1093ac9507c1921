package dev.agentmarketplace.api.discovery;

import dev.agentmarketplace.api.registry.AgentView;
import dev.agentmarketplace.core.discovery.Recommendation;
import dev.agentmarketplace.core.registry.Availability;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A recommended agent and the parts of its rank: {@code rank = reputationComponent +
 * priceComponent + loadComponent}, each already weighted, with the inputs they were computed from.
 */
@Schema(name = "Recommendation", description = "A recommended agent and why it ranks where it does")
public record RecommendationView(
        AgentView agent,

        @Schema(description = "The sum of the three weighted components; higher ranks first", examples = "0.83")
        double rank,

        @Schema(description = "Reputation weight x (lowerBound / 5)", examples = "0.43")
        double reputationComponent,

        @Schema(description = "Price weight x (1 - normalizedPrice)", examples = "0.3")
        double priceComponent,

        @Schema(description = "Load weight x (1 - min(load, 1))", examples = "0.1")
        double loadComponent,

        @Schema(
                description = "Low end of the reputation's confidence interval (0-5), so that many good reviews"
                        + " outrank one perfect review",
                examples = "4.31")
        double lowerBound,

        @Schema(
                description = "The price placed between the cheapest (0) and the dearest (1) candidate of the"
                        + " same currency",
                examples = "0")
        double normalizedPrice,

        @Schema(
                description = "Hires in the last hour divided by capacity per hour, as search counts them",
                examples = "0.2")
        double load) {

    static RecommendationView of(Recommendation recommendation, Availability effectiveAvailability) {
        return new RecommendationView(
                AgentView.of(recommendation.agent(), effectiveAvailability),
                recommendation.rank(),
                recommendation.reputationComponent(),
                recommendation.priceComponent(),
                recommendation.loadComponent(),
                recommendation.lowerBound(),
                recommendation.normalizedPrice(),
                recommendation.load());
    }
}
