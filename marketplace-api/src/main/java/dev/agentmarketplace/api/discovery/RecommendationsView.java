package dev.agentmarketplace.api.discovery;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The best agents for one capability, best first. */
@Schema(name = "Recommendations")
public record RecommendationsView(
        @Schema(description = "The capability, normalized", examples = "python")
        String capability,

        List<RecommendationView> items) {}
