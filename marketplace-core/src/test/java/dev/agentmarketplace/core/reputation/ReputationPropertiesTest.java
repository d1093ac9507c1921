package dev.agentmarketplace.core.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The invariants of issue 3's Reputation section, over random histories. */
class ReputationPropertiesTest {
    private static final AgentId AGENT = AgentId.of("agent");
    private static final AgentId PAYER = AgentId.of("payer");
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    // Float rounding of a sum of products; far below any displayed precision.
    private static final double ROUNDING = 1e-9;

    private final ReputationCalculator calculator = new ReputationCalculator(ReputationPolicy.DEFAULTS);

    @Property
    void scoreAndIntervalStayWithinZeroToFive(@ForAll("histories") List<ReputationEvent> history) {
        Reputation reputation = calculator.compute(AGENT, history, NOW);

        assertThat(reputation.score()).isBetween(0.0, 5.0);
        assertThat(reputation.low()).isBetween(0.0, reputation.score());
        assertThat(reputation.high()).isBetween(reputation.score(), 5.0);
    }

    @Property
    void oneMoreFiveStarReviewNeverLowersTheScore(
            @ForAll("histories") List<ReputationEvent> history,
            @ForAll @DoubleRange(min = 1, max = 3) double amountWeight) {
        double before = calculator.compute(AGENT, history, NOW).score();

        double after = calculator
                .compute(AGENT, with(history, feedback(NOW, amountWeight, "5", 999_999)), NOW)
                .score();

        assertThat(after).isGreaterThanOrEqualTo(before - ROUNDING);
    }

    @Property
    void reviewAtOrAboveTheScoreNeverLowersIt(
            @ForAll("ratingHistories") List<ReputationEvent> history,
            @ForAll @IntRange(min = 0, max = 50) int tenths,
            @ForAll @DoubleRange(min = 1, max = 3) double amountWeight) {
        double before = calculator.compute(AGENT, history, NOW).score();
        BigDecimal rating = BigDecimal.valueOf(tenths, 1);
        if (rating.doubleValue() < before) {
            rating = BigDecimal.valueOf((long) Math.ceil(before * 10), 1);
        }

        double after = calculator
                .compute(AGENT, with(history, feedback(NOW, amountWeight, rating.toPlainString(), 999_999)), NOW)
                .score();

        assertThat(after).isGreaterThanOrEqualTo(before - ROUNDING);
    }

    @Property(tries = 50)
    void oneFiveStarReviewRanksBelowFiveHundredReviewsAveragingFourPointEight(
            @ForAll @DoubleRange(min = 1, max = 3) double newcomerAmountWeight,
            @ForAll @IntRange(min = 0, max = 2) int spreadTenths,
            @ForAll @LongRange(min = 0, max = 30) long ageDays) {
        Instant reviewedAt = NOW.minus(Duration.ofDays(ageDays));
        List<ReputationEvent> veteran = new ArrayList<>();
        // 250 pairs at 4.8 ± spread average exactly 4.8.
        BigDecimal spread = BigDecimal.valueOf(spreadTenths, 1);
        for (int i = 0; i < 250; i++) {
            veteran.add(
                    feedback(reviewedAt, 1, new BigDecimal("4.8").add(spread).toPlainString(), 2 * i));
            veteran.add(feedback(
                    reviewedAt, 1, new BigDecimal("4.8").subtract(spread).toPlainString(), 2 * i + 1));
        }
        List<ReputationEvent> newcomer = List.of(feedback(NOW, newcomerAmountWeight, "5", 0));

        Reputation veteranReputation = calculator.compute(AGENT, veteran, NOW);
        Reputation newcomerReputation = calculator.compute(AGENT, newcomer, NOW);

        assertThat(newcomerReputation.low()).isLessThan(veteranReputation.low());
        assertThat(newcomerReputation.score()).isLessThan(veteranReputation.score());
    }

    @Property
    void noHistoryGivesExactlyThePrior(
            @ForAll @DoubleRange(min = 0, max = 5) double priorMean,
            @ForAll @DoubleRange(min = 0.1, max = 100) double priorWeight) {
        ReputationPolicy policy = new ReputationPolicy(priorMean, priorWeight, Duration.ofDays(90), 1.96, 1, 1, 3, 3);

        Reputation reputation = new ReputationCalculator(policy).compute(AGENT, List.of(), NOW);

        assertThat(reputation.score()).isEqualTo(priorMean);
        assertThat(reputation.effectiveObservations()).isZero();
    }

    @Property
    void decayMovesTheScoreTowardThePriorAsTimePasses(
            @ForAll("ratingHistories") List<ReputationEvent> history,
            @ForAll @LongRange(min = 0, max = 3650) long laterDays) {
        double prior = ReputationPolicy.DEFAULTS.priorMean();
        double now = calculator.compute(AGENT, history, NOW).score();

        double later = calculator
                .compute(AGENT, history, NOW.plus(Duration.ofDays(laterDays)))
                .score();

        assertThat(Math.abs(later - prior)).isLessThanOrEqualTo(Math.abs(now - prior) + ROUNDING);
        assertThat(Math.signum(later - prior) * Math.signum(now - prior)).isGreaterThanOrEqualTo(0);
    }

    @Property
    void foldingEventsOneByOneGivesWhatComputeGivesOverTheWholeHistory(
            @ForAll("histories") List<ReputationEvent> history,
            @ForAll @LongRange(min = 0, max = 3650) long laterDays) {
        // The generated order is not the order of the events' times: replicas' clocks disagree.
        Instant later = NOW.plus(Duration.ofDays(laterDays));

        assertSameReputation(
                calculator.reputation(AGENT, folded(history), later), calculator.compute(AGENT, history, later));
    }

    @Property
    void foldingInTimeOrderOrOutOfOrderGivesTheSameTally(@ForAll("histories") List<ReputationEvent> history) {
        List<ReputationEvent> inTimeOrder = new ArrayList<>(history);
        inTimeOrder.sort(Comparator.comparing(ReputationEvent::at));

        assertSameReputation(
                calculator.reputation(AGENT, folded(history), NOW),
                calculator.reputation(AGENT, folded(inTimeOrder), NOW));
    }

    @Property
    void storedTallyDecaysAsTheHistoryWould(
            @ForAll("histories") List<ReputationEvent> history,
            @ForAll @LongRange(min = 0, max = 3650) long laterDays) {
        Instant later = NOW.plus(Duration.ofDays(laterDays));

        assertSameReputation(
                calculator.reputation(AGENT, calculator.tally(history, NOW), later),
                calculator.compute(AGENT, history, later));
    }

    @Property
    void emptyTallyGivesExactlyThePriorAtAnyTime(@ForAll @LongRange(min = 0, max = 3650) long laterDays) {
        Instant later = NOW.plus(Duration.ofDays(laterDays));

        Reputation reputation = calculator.reputation(AGENT, ReputationTally.empty(NOW), later);

        assertThat(reputation).isEqualTo(calculator.compute(AGENT, List.of(), later));
        assertThat(reputation.score()).isEqualTo(ReputationPolicy.DEFAULTS.priorMean());
        assertThat(reputation.effectiveObservations()).isZero();
    }

    /** What the service does: the first event builds the tally, every later one is added to it. */
    private ReputationTally folded(List<ReputationEvent> history) {
        if (history.isEmpty()) {
            return ReputationTally.empty(NOW);
        }
        ReputationEvent first = history.getFirst();
        ReputationTally tally = calculator.tally(List.of(first), first.at());
        for (ReputationEvent event : history.subList(1, history.size())) {
            tally = calculator.add(tally, event);
        }
        return tally;
    }

    private static void assertSameReputation(Reputation actual, Reputation expected) {
        assertThat(actual.score()).isCloseTo(expected.score(), within(ROUNDING));
        assertThat(actual.low()).isCloseTo(expected.low(), within(ROUNDING));
        assertThat(actual.high()).isCloseTo(expected.high(), within(ROUNDING));
        assertThat(actual.effectiveObservations()).isCloseTo(expected.effectiveObservations(), within(ROUNDING));
        assertThat(actual.successes()).isEqualTo(expected.successes());
        assertThat(actual.failures()).isEqualTo(expected.failures());
        assertThat(actual.feedbackCount()).isEqualTo(expected.feedbackCount());
        assertThat(actual.asOf()).isEqualTo(expected.asOf());
    }

    /** Any events, operator adjustments included, up to two years old. */
    @Provide
    Arbitrary<List<ReputationEvent>> histories() {
        Arbitrary<ReputationEvent> adjustment = Combinators.combine(
                        ages(), Arbitraries.integers().between(-500, 500).filter(cents -> cents != 0))
                .as((at, cents) -> new ReputationEvent.OperatorAdjustment(
                        AGENT, at, BigDecimal.valueOf(cents, 2), "operator's reason", "ops-1"));
        return Arbitraries.oneOf(ratingEvent(), adjustment).list().ofMaxSize(40);
    }

    /** Events that rate (feedback, task outcomes, lost disputes), without operator adjustments. */
    @Provide
    Arbitrary<List<ReputationEvent>> ratingHistories() {
        return ratingEvent().list().ofMaxSize(40);
    }

    private Arbitrary<ReputationEvent> ratingEvent() {
        Arbitrary<Double> amountWeights = Arbitraries.doubles().between(1, 3);
        Arbitrary<ReputationEvent> feedback = Combinators.combine(
                        ages(),
                        amountWeights,
                        Arbitraries.integers().between(0, 50),
                        Arbitraries.integers().between(0, 99_999))
                .as((at, amountWeight, tenths, n) ->
                        feedback(at, amountWeight, BigDecimal.valueOf(tenths, 1).toPlainString(), n));
        Arbitrary<ReputationEvent> outcome = Combinators.combine(
                        ages(),
                        amountWeights,
                        Arbitraries.of(true, false),
                        Arbitraries.doubles().between(0.1, 10))
                .as((at, amountWeight, success, weight) ->
                        new ReputationEvent.TaskOutcome(AGENT, at, amountWeight, success, weight, "task"));
        Arbitrary<ReputationEvent> disputeLost = Combinators.combine(
                        ages(), amountWeights, Arbitraries.integers().between(0, 99_999))
                .as((at, amountWeight, n) -> new ReputationEvent.DisputeLost(AGENT, at, amountWeight, tx(n)));
        return Arbitraries.frequencyOf(Tuple.of(6, feedback), Tuple.of(3, outcome), Tuple.of(1, disputeLost));
    }

    private static Arbitrary<Instant> ages() {
        return Arbitraries.longs().between(0, 730 * 24).map(hours -> NOW.minus(Duration.ofHours(hours)));
    }

    private static ReputationEvent feedback(Instant at, double amountWeight, String rating, int n) {
        return new ReputationEvent.Feedback(AGENT, at, amountWeight, new BigDecimal(rating), 1, PAYER, tx(n));
    }

    private static TransactionId tx(int n) {
        return TransactionId.of(String.format("00000000-0000-4000-8000-%012d", n));
    }

    private static List<ReputationEvent> with(List<ReputationEvent> history, ReputationEvent event) {
        List<ReputationEvent> longer = new ArrayList<>(history);
        longer.add(event);
        return longer;
    }
}
