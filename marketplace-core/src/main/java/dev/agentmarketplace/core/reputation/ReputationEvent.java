package dev.agentmarketplace.core.reputation;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ShownText;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Decimals;
import dev.agentmarketplace.core.registry.AgentId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing that moved an agent's reputation, kept forever as its history. Every event says whose
 * reputation it is, when it happened, why ({@link #cause()}), and how much the money at stake
 * weighs ({@link #amountWeight()}, 1 when no money was involved; see {@link ReputationPolicy#amountWeight}).
 */
public sealed interface ReputationEvent {
    /** The largest weight a caller may give one event, so no single event can swamp a history. */
    double MAX_WEIGHT = 100;

    int MAX_TEXT_LENGTH = 500;

    AgentId agent();

    Instant at();

    double amountWeight();

    /** A human-readable reason, shown in the history. */
    String cause();

    /** A task the agent finished (success) or failed, counted as a rating of 5 or 0. */
    record TaskOutcome(AgentId agent, Instant at, double amountWeight, boolean success, double weight, String cause)
            implements ReputationEvent {
        public TaskOutcome {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(at, "at");
            checkAmountWeight(amountWeight);
            checkWeight(weight);
            cause = requiredText("cause", cause);
        }
    }

    /**
     * A rating from a payer of a settled, undisputed transaction: 0 to 5 in steps of 0.1. Only one
     * per transaction, which is what keeps sybil reviewers out (see {@link ReputationService#giveFeedback}).
     */
    record Feedback(
            AgentId agent,
            Instant at,
            double amountWeight,
            BigDecimal rating,
            double weight,
            AgentId from,
            TransactionId transaction)
            implements ReputationEvent {
        public static final BigDecimal MAX_RATING = BigDecimal.valueOf(5);

        public Feedback {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(at, "at");
            checkAmountWeight(amountWeight);
            if (rating == null) {
                throw new InvalidValueException("rating", "must not be null");
            }
            // compareTo and Decimals cost nothing on a value such as 1e-999999999; its plain form
            // would be a billion digits, so messages show it through Decimals.shown (issue 11).
            if (rating.signum() < 0 || rating.compareTo(MAX_RATING) > 0) {
                throw new InvalidValueException("rating", "must be between 0 and 5, was " + Decimals.shown(rating));
            }
            if (Decimals.decimals(rating) > 1) {
                throw new InvalidValueException(
                        "rating", "must have at most one decimal, was " + Decimals.shown(rating));
            }
            checkWeight(weight);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(transaction, "transaction");
        }

        @Override
        public String cause() {
            return "feedback " + rating.toPlainString() + " from " + from + " on transaction " + transaction;
        }
    }

    /**
     * An operator's correction: {@code delta} is added to the score after the average and decays
     * like everything else. The reason is mandatory, so every manual change can be audited.
     */
    record OperatorAdjustment(AgentId agent, Instant at, BigDecimal delta, String reason, String operator)
            implements ReputationEvent {
        public static final BigDecimal MAX_DELTA = BigDecimal.valueOf(5);

        public OperatorAdjustment {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(at, "at");
            if (delta == null || delta.signum() == 0 || delta.abs().compareTo(MAX_DELTA) > 0) {
                throw new InvalidValueException(
                        "delta", "must be non-zero and between -5 and 5, was " + Decimals.shown(delta));
            }
            if (Decimals.decimals(delta) > 2) {
                throw new InvalidValueException(
                        "delta", "must have at most two decimals, was " + Decimals.shown(delta));
            }
            reason = requiredText("reason", reason);
            operator = requiredText("operator", operator);
        }

        @Override
        public double amountWeight() {
            return 1;
        }

        @Override
        public String cause() {
            return "adjustment " + delta.toPlainString() + " by operator " + operator + ": " + reason;
        }
    }

    /**
     * The agent lost a dispute as a provider: a rating of 0 with the policy's extra weight, times
     * the share of the amount refunded (1 for a full refund, {@code r / a} for a partial refund of r
     * out of a), so giving back a tenth weighs a tenth of giving back everything.
     */
    record DisputeLost(AgentId agent, Instant at, double amountWeight, TransactionId transaction, double refundedShare)
            implements ReputationEvent {
        public DisputeLost {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(at, "at");
            checkAmountWeight(amountWeight);
            Objects.requireNonNull(transaction, "transaction");
            if (!(refundedShare > 0 && refundedShare <= 1)) {
                throw new InvalidValueException("refundedShare", "must be above 0 and at most 1, was " + refundedShare);
            }
        }

        /** A dispute lost with a full refund. */
        public DisputeLost(AgentId agent, Instant at, double amountWeight, TransactionId transaction) {
            this(agent, at, amountWeight, transaction, 1);
        }

        @Override
        public String cause() {
            return refundedShare == 1
                    ? "dispute lost on transaction " + transaction
                    : "dispute lost on transaction " + transaction + ", refunded share " + refundedShare;
        }
    }

    private static void checkWeight(double weight) {
        if (!(weight > 0 && weight <= MAX_WEIGHT)) {
            throw new InvalidValueException("weight", "must be above 0 and at most " + MAX_WEIGHT + ", was " + weight);
        }
    }

    private static void checkAmountWeight(double amountWeight) {
        if (!(amountWeight >= 1 && amountWeight <= MAX_WEIGHT)) {
            throw new InvalidValueException(
                    "amountWeight", "must be between 1 and " + MAX_WEIGHT + ", was " + amountWeight);
        }
    }

    private static String requiredText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "must not be blank");
        }
        String trimmed = ShownText.multiline(field, value.strip());
        if (trimmed.length() > MAX_TEXT_LENGTH) {
            throw new InvalidValueException(field, "must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        return trimmed;
    }
}
