package dev.agentmarketplace.core.reputation;

import dev.agentmarketplace.core.registry.AgentId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Turns a history into a {@link Reputation}: a Bayesian average shrunk toward a prior, with
 * exponential decay and amount weights. With a prior mean {@code m}, prior weight {@code k},
 * half-life {@code h} and, for every observation i, a rating {@code r_i} in [0,5] (feedback: its
 * rating; task success 5, failure 0; lost dispute 0, its weight times the share refunded):
 *
 * <pre>
 *   w_i   = weight_i × amountWeight_i × 0.5^(age_i / h)
 *   n     = Σ w_i                                   (effective observations)
 *   avg   = (m·k + Σ w_i·r_i) / (k + n)             computed as m + Σ w_i·(r_i − m) / (k + n)
 *   σ²    = (k·σ0² + Σ w_i·(r_i − avg)²) / (k + n)  (spread shrunk toward the prior σ0)
 *   adj   = Σ delta_j × 0.5^(age_j / h)             (operator adjustments, after the average)
 *   score = clamp(avg + adj, 0, 5)
 *   low, high = clamp(score ∓ z·σ / √(k + n), 0, 5)
 * </pre>
 *
 * Shrinking is the answer to "one 5-star review must not outrank 500 reviews averaging 4.8"
 * (ARCHITECTURE.md, Reputation): one review moves a newcomer only 1/(k+1) of the way from the prior.
 * The second form of {@code avg} gives exactly {@code m} for an empty history.
 */
public final class ReputationCalculator {
    private static final double MAX_SCORE = 5;

    private final ReputationPolicy policy;

    public ReputationCalculator(ReputationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public Reputation compute(AgentId agent, List<ReputationEvent> history, Instant now) {
        double weightSum = 0;
        double weightedDeviation = 0;
        double adjustment = 0;
        long successes = 0;
        long failures = 0;
        long feedbackCount = 0;
        double[] ratings = new double[history.size()];
        double[] weights = new double[history.size()];
        for (int i = 0; i < history.size(); i++) {
            ReputationEvent event = history.get(i);
            double decay = decay(event.at(), now);
            double rating;
            double weight;
            switch (event) {
                case ReputationEvent.TaskOutcome outcome -> {
                    rating = outcome.success() ? MAX_SCORE : 0;
                    weight = outcome.weight();
                    if (outcome.success()) {
                        successes++;
                    } else {
                        failures++;
                    }
                }
                case ReputationEvent.Feedback feedback -> {
                    rating = feedback.rating().doubleValue();
                    weight = feedback.weight();
                    feedbackCount++;
                }
                case ReputationEvent.DisputeLost lost -> {
                    rating = 0;
                    weight = policy.disputeLostWeight() * lost.refundedShare();
                    failures++;
                }
                case ReputationEvent.OperatorAdjustment adjusted -> {
                    adjustment += adjusted.delta().doubleValue() * decay;
                    continue;
                }
            }
            double w = weight * event.amountWeight() * decay;
            ratings[i] = rating;
            weights[i] = w;
            weightSum += w;
            weightedDeviation += w * (rating - policy.priorMean());
        }
        double denominator = policy.priorWeight() + weightSum;
        double average = policy.priorMean() + weightedDeviation / denominator;
        double squares = policy.priorWeight() * policy.priorSigma() * policy.priorSigma();
        for (int i = 0; i < ratings.length; i++) {
            squares += weights[i] * (ratings[i] - average) * (ratings[i] - average);
        }
        double sigma = Math.sqrt(squares / denominator);
        double score = clamp(average + adjustment);
        double halfWidth = policy.z() * sigma / Math.sqrt(denominator);
        return new Reputation(
                agent,
                score,
                weightSum,
                clamp(score - halfWidth),
                clamp(score + halfWidth),
                successes,
                failures,
                feedbackCount,
                now);
    }

    /** 0.5^(age / halfLife); an event stamped after {@code now} (clock skew) counts as fresh. */
    private double decay(Instant at, Instant now) {
        Duration age = Duration.between(at, now);
        if (age.isNegative()) {
            return 1;
        }
        double halfLives = (double) age.toMillis() / policy.halfLife().toMillis();
        return Math.pow(0.5, halfLives);
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(MAX_SCORE, value));
    }
}
