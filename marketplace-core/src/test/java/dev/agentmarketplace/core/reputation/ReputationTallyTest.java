package dev.agentmarketplace.core.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReputationTallyTest {
    private static final AgentId AGENT = AgentId.of("agent");
    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
    private static final Duration HALF_LIFE = ReputationPolicy.DEFAULTS.halfLife();

    private final ReputationCalculator calculator = new ReputationCalculator(ReputationPolicy.DEFAULTS);

    @Test
    void eventAfterTheTallyDecaysTheTallyToItsTimeThenCountsFully() {
        ReputationTally tally = calculator.tally(List.of(success(T0, 2)), T0);

        ReputationTally added = calculator.add(tally, success(T0.plus(HALF_LIFE), 1));

        // 2 × 0.5 + 1; ratings of 5, so Σw·r = 5·Σw and Σw·r² = 25·Σw.
        assertThat(added.asOf()).isEqualTo(T0.plus(HALF_LIFE));
        assertThat(added.weightSum()).isCloseTo(2.0, within(1e-12));
        assertThat(added.weightedRatings()).isCloseTo(10.0, within(1e-12));
        assertThat(added.weightedSquares()).isCloseTo(50.0, within(1e-12));
        assertThat(added.successes()).isEqualTo(2);
    }

    @Test
    void eventStampedBeforeTheTallyIsAddedWithItsOwnDecayAndTheTallyStaysAtItsTime() {
        Instant asOf = T0.plus(HALF_LIFE);
        ReputationTally tally = calculator.tally(List.of(success(asOf, 1)), asOf);

        ReputationTally added = calculator.add(tally, failure(T0, 4));

        assertThat(added.asOf()).isEqualTo(asOf);
        assertThat(added.weightSum()).isCloseTo(1 + 4 * 0.5, within(1e-12));
        assertThat(added.weightedRatings()).isCloseTo(5.0, within(1e-12));
        assertThat(added.failures()).isEqualTo(1);
    }

    @Test
    void operatorAdjustmentMovesOnlyTheAdjustmentAndDecaysWithTheRest() {
        ReputationTally tally = calculator.add(
                ReputationTally.empty(T0),
                new ReputationEvent.OperatorAdjustment(AGENT, T0, new BigDecimal("-0.5"), "late", "ops-1"));

        Reputation halfLifeLater = calculator.reputation(AGENT, tally, T0.plus(HALF_LIFE));

        assertThat(tally.weightSum()).isZero();
        assertThat(tally.adjustment()).isEqualTo(-0.5);
        assertThat(halfLifeLater.score()).isCloseTo(3.0 - 0.25, within(1e-12));
        assertThat(halfLifeLater.effectiveObservations()).isZero();
    }

    @Test
    void tallyAfterNowCountsAsFresh() {
        Instant asOf = T0.plusSeconds(30);
        ReputationTally tally = calculator.tally(List.of(success(asOf, 1)), asOf);

        Reputation beforeIt = calculator.reputation(AGENT, tally, T0);

        assertThat(beforeIt.asOf()).isEqualTo(T0);
        assertThat(beforeIt.effectiveObservations()).isEqualTo(1.0);
        assertThat(beforeIt.score())
                .isEqualTo(calculator.reputation(AGENT, tally, asOf).score());
    }

    @Test
    void allRatingsEqualToTheAverageGiveNoSpreadBeyondThePrior() {
        // Prior mean 3 with ratings of exactly 3: the expanded Σw·(r − avg)² must not go negative.
        List<ReputationEvent> threes = List.of(feedback(T0, "3"), feedback(T0, "3"), feedback(T0, "3"));

        Reputation reputation = calculator.compute(AGENT, threes, T0);

        // σ² = k·σ0² / (k + n) = 5 / 8, half-width 1.96·σ / √8
        double halfWidth = 1.96 * Math.sqrt(5.0 / 8) / Math.sqrt(8);
        assertThat(reputation.score()).isCloseTo(3.0, within(1e-12));
        assertThat(reputation.high() - reputation.score()).isCloseTo(halfWidth, within(1e-12));
    }

    @Test
    void tallyRefusesNegativeSumsAndCounts() {
        assertThatThrownBy(() -> new ReputationTally(-1, 0, 0, 0, 0, 0, 0, T0))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("weightSum"));
        assertThatThrownBy(() -> new ReputationTally(1, 5, Double.NaN, 0, 1, 0, 0, T0))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("weightedSquares"));
        assertThatThrownBy(() -> new ReputationTally(0, 0, 0, Double.POSITIVE_INFINITY, 0, 0, 0, T0))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("adjustment"));
        assertThatThrownBy(() -> new ReputationTally(0, 0, 0, 0, 0, -1, 0, T0))
                .isInstanceOfSatisfying(
                        InvalidValueException.class,
                        e -> assertThat(e.getMessage()).contains("negative"));
    }

    private static ReputationEvent success(Instant at, double weight) {
        return new ReputationEvent.TaskOutcome(AGENT, at, 1, true, weight, "task done");
    }

    private static ReputationEvent failure(Instant at, double weight) {
        return new ReputationEvent.TaskOutcome(AGENT, at, 1, false, weight, "task failed");
    }

    private static ReputationEvent feedback(Instant at, String rating) {
        return new ReputationEvent.Feedback(
                AGENT,
                at,
                1,
                new BigDecimal(rating),
                1,
                AgentId.of("payer"),
                TransactionId.of("00000000-0000-4000-8000-000000000001"));
    }
}
