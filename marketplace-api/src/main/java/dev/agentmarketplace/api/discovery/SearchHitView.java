package dev.agentmarketplace.api.discovery;

import dev.agentmarketplace.api.registry.AgentView;
import dev.agentmarketplace.core.discovery.SearchHit;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agent a search found, with the values it was filtered and sorted on. */
@Schema(name = "SearchHit", description = "An agent a search found")
public record SearchHitView(
        @Schema(description = "The agent; its availability is the effective one the search filtered on")
        AgentView agent,

        @Schema(
                description = "Reputation score (0-5) the search filtered and sorted on: the agent's, or the"
                        + " prior mean for an agent nobody has rated yet",
                examples = "4.62")
        double score,

        @Schema(description = "The agent's reputation; null for an agent nobody has rated yet", nullable = true)
        ReputationView reputation,

        @Schema(
                description = "Hires in the last hour, as the load sweep last left them: a minute that has left the"
                        + " hour may still count for a few seconds",
                examples = "3")
        long recentHires,

        @Schema(
                description = "recentHires divided by capacity per hour; the LOAD sort's key (least first)",
                examples = "0.3")
        double load) {

    /** A reputation as discovery sees it, as of the agent's last reputation event. */
    @Schema(name = "SearchReputation")
    public record ReputationView(
            @Schema(description = "Score, 0-5", examples = "4.62")
            double score,

            @Schema(description = "Low end of the score's confidence interval", examples = "4.31")
            double lowerBound,

            @Schema(description = "Weighted number of observations behind the score", examples = "57.5")
            double effectiveObservations,

            @Schema(description = "The last reputation event the summary reflects")
            Instant asOf) {

        static ReputationView of(ReputationSummary summary) {
            return new ReputationView(
                    summary.score(), summary.lowerBound(), summary.effectiveObservations(), summary.asOf());
        }
    }

    static SearchHitView of(SearchHit hit) {
        return new SearchHitView(
                AgentView.of(hit.agent(), hit.availability()),
                hit.score(),
                hit.reputation().map(ReputationView::of).orElse(null),
                hit.recentHires(),
                hit.load());
    }
}
