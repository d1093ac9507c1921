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
 *
 * <p>Every sum above decays by one factor, 0.5^(Δt / h), when time moves on, so the calculator keeps
 * them in a {@link ReputationTally} and {@link #add}s one event in O(1); {@link #compute} over a
 * whole history is the same tally built in one pass.
 */
public final class ReputationCalculator {
    private static final double MAX_SCORE = 5;

    private final ReputationPolicy policy;

    public ReputationCalculator(ReputationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The reputation of {@code history} at {@code now}: its tally, then {@link #reputation}. */
    public Reputation compute(AgentId agent, List<ReputationEvent> history, Instant now) {
        return reputation(agent, tally(history, now), now);
    }

    /** Sums {@code history} with every event decayed to {@code now}; an event after {@code now} counts as fresh. */
    public ReputationTally tally(List<ReputationEvent> history, Instant now) {
        ReputationTally tally = ReputationTally.empty(now);
        for (ReputationEvent event : history) {
            tally = plus(tally, event, decay(event.at(), now));
        }
        return tally;
    }

    /**
     * Adds one event to a tally in O(1): the tally first decays to the event's time, then takes the
     * event at full weight. An event stamped before the tally's {@code asOf} (clock skew between
     * replicas) is added with its own decay and the tally stays at {@code asOf}, so the order in
     * which events arrive does not change the result.
     */
    public ReputationTally add(ReputationTally tally, ReputationEvent event) {
        ReputationTally decayed = decayedTo(tally, event.at());
        return plus(decayed, event, decay(event.at(), decayed.asOf()));
    }

    /**
     * The reputation a tally gives at {@code now}, decayed to it; a tally after {@code now} (clock
     * skew) counts as fresh. With Σw = n, Σw·r and Σw·r² decayed alike:
     * Σ w_i·(r_i − avg)² = Σw·r² − 2·avg·Σw·r + avg²·n.
     */
    public Reputation reputation(AgentId agent, ReputationTally tally, Instant now) {
        ReputationTally at = decayedTo(tally, now);
        double weightSum = at.weightSum();
        double denominator = policy.priorWeight() + weightSum;
        double average = policy.priorMean() + (at.weightedRatings() - policy.priorMean() * weightSum) / denominator;
        // The expanded form can round to a hair below zero when every rating equals the average.
        double spread =
                Math.max(0, at.weightedSquares() - 2 * average * at.weightedRatings() + average * average * weightSum);
        double squares = policy.priorWeight() * policy.priorSigma() * policy.priorSigma() + spread;
        double sigma = Math.sqrt(squares / denominator);
        double score = clamp(average + at.adjustment());
        double halfWidth = policy.z() * sigma / Math.sqrt(denominator);
        return new Reputation(
                agent,
                score,
                weightSum,
                clamp(score - halfWidth),
                clamp(score + halfWidth),
                at.successes(),
                at.failures(),
                at.feedbackCount(),
                now);
    }

    /** The tally as of {@code time} if that is later than its {@code asOf}; itself otherwise. */
    private ReputationTally decayedTo(ReputationTally tally, Instant time) {
        if (!time.isAfter(tally.asOf())) {
            return tally;
        }
        double decay = decay(tally.asOf(), time);
        return new ReputationTally(
                tally.weightSum() * decay,
                tally.weightedRatings() * decay,
                tally.weightedSquares() * decay,
                tally.adjustment() * decay,
                tally.successes(),
                tally.failures(),
                tally.feedbackCount(),
                time);
    }

    /** The tally with {@code event} added at {@code decay}; its {@code asOf} unchanged. */
    private ReputationTally plus(ReputationTally tally, ReputationEvent event, double decay) {
        double rating;
        double weight;
        long successes = tally.successes();
        long failures = tally.failures();
        long feedbackCount = tally.feedbackCount();
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
                return new ReputationTally(
                        tally.weightSum(),
                        tally.weightedRatings(),
                        tally.weightedSquares(),
                        tally.adjustment() + adjusted.delta().doubleValue() * decay,
                        successes,
                        failures,
                        feedbackCount,
                        tally.asOf());
            }
        }
        double w = weight * event.amountWeight() * decay;
        return new ReputationTally(
                tally.weightSum() + w,
                tally.weightedRatings() + w * rating,
                tally.weightedSquares() + w * rating * rating,
                tally.adjustment(),
                successes,
                failures,
                feedbackCount,
                tally.asOf());
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
