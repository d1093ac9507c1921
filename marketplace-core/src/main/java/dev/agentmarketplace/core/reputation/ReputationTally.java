package dev.agentmarketplace.core.reputation;

import dev.agentmarketplace.core.InvalidValueException;
import java.time.Instant;
import java.util.Objects;

/**
 * The sufficient statistics of an agent's history, decayed to {@code asOf} (see {@link
 * ReputationCalculator}): {@code weightSum} = Σ w_i, {@code weightedRatings} = Σ w_i·r_i, {@code
 * weightedSquares} = Σ w_i·r_i², {@code adjustment} = Σ delta_j·d_j, and plain counts. Every sum
 * decays by the same factor as time moves on, so one more event is an O(1) update instead of a
 * recomputation over the whole history (issue 13). The sums do not depend on the prior ({@code m},
 * {@code k}, {@code σ0}, {@code z}); they do bake in the half-life and {@code disputeLostWeight}.
 */
public record ReputationTally(
        double weightSum,
        double weightedRatings,
        double weightedSquares,
        double adjustment,
        long successes,
        long failures,
        long feedbackCount,
        Instant asOf) {
    public ReputationTally {
        Objects.requireNonNull(asOf, "asOf");
        notNegative("weightSum", weightSum);
        notNegative("weightedRatings", weightedRatings);
        notNegative("weightedSquares", weightedSquares);
        if (!Double.isFinite(adjustment)) {
            throw new InvalidValueException("adjustment", "must be a finite number, was " + adjustment);
        }
        if (successes < 0 || failures < 0 || feedbackCount < 0) {
            throw new InvalidValueException(
                    "tally", "counts must not be negative, were " + successes + ", " + failures + ", " + feedbackCount);
        }
    }

    /** The tally of an empty history: the reputation it gives is exactly the prior. */
    public static ReputationTally empty(Instant asOf) {
        return new ReputationTally(0, 0, 0, 0, 0, 0, 0, asOf);
    }

    private static void notNegative(String field, double value) {
        if (!(value >= 0 && Double.isFinite(value))) {
            throw new InvalidValueException(field, "must be a finite number, not negative, was " + value);
        }
    }
}
