package dev.agentmarketplace.api.registry;

import dev.agentmarketplace.core.reputation.Reputation;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agent's reputation now, decay included. Scores are on the 0-5 scale; they are not money, so plain numbers. */
@Schema(name = "Reputation")
public record ReputationView(
        @Schema(examples = "python-expert") String agentId,

        @Schema(
                description = "Weighted, decayed mean rating, pulled towards the prior while evidence is thin",
                examples = "4.21")
        double score,

        @Schema(description = "Lower bound of the 95 % interval around the score; rankings use it", examples = "3.64")
        double low,

        @Schema(description = "Upper bound of the 95 % interval", examples = "4.78")
        double high,

        @Schema(description = "How many observations the score rests on, after decay and weighting", examples = "12.5")
        double effectiveObservations,

        @Schema(description = "Tasks finished", examples = "14")
        long successes,

        @Schema(description = "Tasks failed and disputes lost", examples = "1")
        long failures,

        @Schema(description = "Ratings received", examples = "9")
        long feedbackCount,

        Instant asOf) {

    static ReputationView of(Reputation reputation) {
        return new ReputationView(
                reputation.agent().value(),
                reputation.score(),
                reputation.low(),
                reputation.high(),
                reputation.effectiveObservations(),
                reputation.successes(),
                reputation.failures(),
                reputation.feedbackCount(),
                reputation.asOf());
    }
}
