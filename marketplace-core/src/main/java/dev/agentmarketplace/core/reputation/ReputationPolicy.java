package dev.agentmarketplace.core.reputation;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.money.Money;
import java.time.Duration;
import java.util.Objects;

/**
 * The numbers behind a reputation score. Defaults ({@link #DEFAULTS}):
 *
 * <ul>
 *   <li>{@code priorMean} 3.0: where an agent without history sits, the middle of the 0-5 scale;
 *   <li>{@code priorWeight} 5: the prior counts as five fresh, unit-weight observations, so a
 *       handful of reviews cannot carry a newcomer to the top;
 *   <li>{@code halfLife} 90 days: an observation's weight halves every 90 days;
 *   <li>{@code z} 1.96: the confidence interval is a 95 % one;
 *   <li>{@code priorSigma} 1.0: the spread assumed before any observation;
 *   <li>{@code feedbackWeight} 1: weight of one rating;
 *   <li>{@code disputeLostWeight} 3: a lost dispute counts as three zero ratings;
 *   <li>{@code maxAmountWeight} 3: the cap of {@link #amountWeight}, reached at 99 major units.
 * </ul>
 */
public record ReputationPolicy(
        double priorMean,
        double priorWeight,
        Duration halfLife,
        double z,
        double priorSigma,
        double feedbackWeight,
        double disputeLostWeight,
        double maxAmountWeight) {
    public static final ReputationPolicy DEFAULTS =
            new ReputationPolicy(3.0, 5, Duration.ofDays(90), 1.96, 1.0, 1, 3, 3);

    public ReputationPolicy {
        if (!(priorMean >= 0 && priorMean <= 5)) {
            throw new InvalidValueException("priorMean", "must be between 0 and 5, was " + priorMean);
        }
        positive("priorWeight", priorWeight);
        Objects.requireNonNull(halfLife, "halfLife");
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new InvalidValueException("halfLife", "must be positive, was " + halfLife);
        }
        positive("z", z);
        positive("priorSigma", priorSigma);
        positive("feedbackWeight", feedbackWeight);
        positive("disputeLostWeight", disputeLostWeight);
        if (!(maxAmountWeight >= 1 && maxAmountWeight <= ReputationEvent.MAX_WEIGHT)) {
            throw new InvalidValueException(
                    "maxAmountWeight",
                    "must be between 1 and " + ReputationEvent.MAX_WEIGHT + ", was " + maxAmountWeight);
        }
    }

    /**
     * How much the money at stake weighs: {@code min(maxAmountWeight, 1 + log10(1 + amount))} with
     * the amount in major units. Monotone, at least 1, and bounded, so paying more buys a louder
     * voice only up to the cap: a whale cannot outweigh many honest payers. Amounts of different
     * currencies are taken at face value; the logarithm makes the difference small.
     */
    public double amountWeight(Money amount) {
        double major = Math.max(0, amount.amount().doubleValue());
        return Math.min(maxAmountWeight, 1 + Math.log10(1 + major));
    }

    private static void positive(String field, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new InvalidValueException(field, "must be a positive number, was " + value);
        }
    }
}
