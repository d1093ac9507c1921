package dev.agentmarketplace.core.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.RuleViolationException;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.registry.RegistrySettings;
import dev.agentmarketplace.core.testing.InMemoryAgentRepository;
import dev.agentmarketplace.core.testing.InMemoryReputationRepository;
import dev.agentmarketplace.core.testing.InMemoryUnitOfWork;
import dev.agentmarketplace.core.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReputationServiceTest {
    private static final AgentId PAYER = AgentId.of("payer");
    private static final AgentId PROVIDER = AgentId.of("provider");
    private static final Money TEN = Money.of("10.00", "USDC");

    private final MutableClock clock = MutableClock.at("2026-11-26T08:00:00Z");
    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository(unitOfWork);
    private final InMemoryReputationRepository reputations = new InMemoryReputationRepository(unitOfWork);
    private final ReputationTestTransactions transactions = new ReputationTestTransactions(unitOfWork);
    private final ReputationService service = new ReputationService(
            reputations, transactions.repository, agents, unitOfWork, clock, ReputationPolicy.DEFAULTS);

    ReputationServiceTest() {
        AgentRegistry catalog = new AgentRegistry(agents, unitOfWork, clock, RegistrySettings.DEFAULTS);
        catalog.register(Agents.registration("payer"));
        catalog.register(Agents.registration("provider"));
    }

    @Test
    void agentWithoutHistorySitsAtThePrior() {
        Reputation reputation = service.reputationOf(PROVIDER);

        assertThat(reputation.score()).isEqualTo(3.0);
        assertThat(reputation.effectiveObservations()).isZero();
        // 3 ± 1.96 × 1 / √5
        assertThat(reputation.low()).isCloseTo(3 - 1.96 / Math.sqrt(5), within(1e-12));
        assertThat(reputation.high()).isCloseTo(3 + 1.96 / Math.sqrt(5), within(1e-12));
        assertThat(reputation.feedbackCount()).isZero();
    }

    @Test
    void everyRecordedEventAddsAPointOfTheTrendWithItsInterval() {
        Reputation first = service.recordTaskOutcome(PROVIDER, true, 1, Optional.empty(), "task 1");
        clock.advance(Duration.ofHours(1));
        Reputation second = service.adjust(PROVIDER, new BigDecimal("-0.5"), "late deliveries", "ops-1");
        clock.advance(Duration.ofHours(1));
        Reputation third = service.recordTaskOutcome(PROVIDER, false, 1, Optional.empty(), "task 2");

        assertThat(service.trend(PROVIDER, 10))
                .containsExactly(ReputationPoint.of(first), ReputationPoint.of(second), ReputationPoint.of(third));
        assertThat(service.trend(PROVIDER, 2)).containsExactly(ReputationPoint.of(second), ReputationPoint.of(third));
        ReputationPoint last = service.trend(PROVIDER, 1).getFirst();
        assertThat(last.low()).isLessThan(last.score());
        assertThat(last.high()).isGreaterThan(last.score());
        assertThat(service.trend(PAYER, 10)).isEmpty();
    }

    @Test
    void trendIsRefusedForAnUnknownAgentAndAnOutOfRangeLimit() {
        assertThatThrownBy(() -> service.trend(AgentId.of("nobody"), 10))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AGENT_NOT_FOUND));
        assertThatThrownBy(() -> service.trend(PROVIDER, 0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> service.trend(PROVIDER, ReputationService.MAX_TREND_POINTS + 1))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void payerOfSettledUndisputedTransactionMayRateItsProviderOnce() {
        TransactionId tx = transactions.add(PAYER, PROVIDER, TEN, clock.instant(), TransactionState.SETTLED);

        Reputation reputation = service.giveFeedback(PAYER, PROVIDER, tx, new BigDecimal("5"));

        // amount weight 1 + log10(11); (3×5 + w×5) / (5 + w)
        double w = 1 + Math.log10(11);
        assertThat(reputation.score()).isCloseTo((15 + 5 * w) / (5 + w), within(1e-12));
        assertThat(reputation.feedbackCount()).isEqualTo(1);
        assertThat(reputations.summaryOf(PROVIDER)).contains(reputation.summary());
        assertThat(service.history(PROVIDER))
                .singleElement()
                .isInstanceOfSatisfying(ReputationEvent.Feedback.class, feedback -> {
                    assertThat(feedback.from()).isEqualTo(PAYER);
                    assertThat(feedback.transaction()).isEqualTo(tx);
                    assertThat(feedback.at()).isEqualTo(clock.instant());
                    assertThat(feedback.cause()).isEqualTo("feedback 5 from payer on transaction " + tx);
                });
    }

    @Test
    void secondFeedbackOnOneTransactionIsAlreadyGiven() {
        TransactionId tx = transactions.add(PAYER, PROVIDER, TEN, clock.instant(), TransactionState.SETTLED);
        service.giveFeedback(PAYER, PROVIDER, tx, new BigDecimal("4"));

        assertThatThrownBy(() -> service.giveFeedback(PAYER, PROVIDER, tx, new BigDecimal("5")))
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FEEDBACK_ALREADY_GIVEN));
        assertThat(service.history(PROVIDER)).hasSize(1);
    }

    @Test
    void onlyThePayerMayRate() {
        TransactionId tx = transactions.add(PAYER, PROVIDER, TEN, clock.instant(), TransactionState.SETTLED);

        assertThatThrownBy(() -> service.giveFeedback(AgentId.of("sybil"), PROVIDER, tx, BigDecimal.ONE))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FEEDBACK_NOT_ALLOWED);
                    assertThat(e.getMessage())
                            .isEqualTo("only the payer of transaction '" + tx + "' may rate it, not 'sybil'");
                });
    }

    @Test
    void onlyTheTransactionsProviderCanBeRated() {
        TransactionId tx = transactions.add(PAYER, PROVIDER, TEN, clock.instant(), TransactionState.SETTLED);

        assertThatThrownBy(() -> service.giveFeedback(PAYER, AgentId.of("rival"), tx, BigDecimal.ONE))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FEEDBACK_NOT_ALLOWED);
                    assertThat(e.getMessage()).contains("was provided by 'provider', not 'rival'");
                });
        assertThat(reputations.history(AgentId.of("rival"))).isEmpty();
    }

    @Test
    void unsettledTransactionCannotBeRated() {
        TransactionId pending = transactions.add(PAYER, PROVIDER, TEN, clock.instant());
        TransactionId cancelled = transactions.add(PAYER, PROVIDER, TEN, clock.instant(), TransactionState.CANCELLED);

        assertThatThrownBy(() -> service.giveFeedback(PAYER, PROVIDER, pending, BigDecimal.ONE))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FEEDBACK_NOT_ALLOWED);
                    assertThat(e.getMessage()).contains("is PENDING; only settled transactions can be rated");
                });
        assertThatThrownBy(() -> service.giveFeedback(PAYER, PROVIDER, cancelled, BigDecimal.ONE))
                .isInstanceOfSatisfying(
                        RuleViolationException.class,
                        e -> assertThat(e.getMessage()).contains("is CANCELLED"));
    }

    @Test
    void disputedTransactionCannotBeRatedEvenAfterResolution() {
        TransactionId disputed = transactions.add(
                PAYER, PROVIDER, TEN, clock.instant(), TransactionState.SETTLED, TransactionState.DISPUTED);
        TransactionId resolved = transactions.add(
                PAYER,
                PROVIDER,
                TEN,
                clock.instant(),
                TransactionState.SETTLED,
                TransactionState.DISPUTED,
                TransactionState.RESOLVED);

        for (TransactionId tx : new TransactionId[] {disputed, resolved}) {
            assertThatThrownBy(() -> service.giveFeedback(PAYER, PROVIDER, tx, BigDecimal.ONE))
                    .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.FEEDBACK_NOT_ALLOWED);
                        assertThat(e.getMessage()).contains("was disputed");
                    });
        }
    }

    @Test
    void feedbackOnUnknownTransactionIsNotFound() {
        TransactionId ghost = TransactionId.of("00000000-0000-4000-8000-999999999999");

        assertThatThrownBy(() -> service.giveFeedback(PAYER, PROVIDER, ghost, BigDecimal.ONE))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TRANSACTION_NOT_FOUND));
    }

    @Test
    void ratingOutsideTheScaleOrFinerThanOneDecimalIsInvalid() {
        TransactionId tx = transactions.add(PAYER, PROVIDER, TEN, clock.instant(), TransactionState.SETTLED);

        assertThatThrownBy(() -> service.giveFeedback(PAYER, PROVIDER, tx, new BigDecimal("5.1")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("rating: must be between 0 and 5, was 5.1");
        assertThatThrownBy(() -> service.giveFeedback(PAYER, PROVIDER, tx, new BigDecimal("-1")))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> service.giveFeedback(PAYER, PROVIDER, tx, new BigDecimal("4.25")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("rating: must have at most one decimal, was 4.25");
        assertThat(reputations.hasFeedbackFor(tx)).isFalse();
    }

    @Test
    void operatorAdjustmentNeedsAReasonAndShiftsTheScore() {
        assertThatThrownBy(() -> service.adjust(PROVIDER, new BigDecimal("0.5"), " ", "ops-1"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("reason: must not be blank");

        Reputation adjusted = service.adjust(PROVIDER, new BigDecimal("0.5"), "verified partner", "ops-1");

        assertThat(adjusted.score()).isEqualTo(3.5);
        assertThat(adjusted.effectiveObservations()).isZero();
        assertThat(service.history(PROVIDER))
                .singleElement()
                .extracting(ReputationEvent::cause)
                .isEqualTo("adjustment 0.5 by operator ops-1: verified partner");
    }

    @Test
    void operatorAdjustmentDecaysWithTheHalfLife() {
        service.adjust(PROVIDER, new BigDecimal("-1"), "spam complaints", "ops-1");

        clock.advance(Duration.ofDays(90));

        assertThat(service.reputationOf(PROVIDER).score()).isCloseTo(2.5, within(1e-9));
    }

    @Test
    void eventsOfAnUnknownAgentAreNotFoundAndNotRecorded() {
        AgentId ghost = AgentId.of("ghost");

        assertThatThrownBy(() -> service.adjust(ghost, BigDecimal.ONE, "why", "ops-1"))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AGENT_NOT_FOUND));
        assertThatThrownBy(() -> service.recordTaskOutcome(ghost, true, 1, Optional.empty(), "task"))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AGENT_NOT_FOUND));
        assertThat(reputations.history(ghost)).isEmpty();
        assertThat(reputations.summaryOf(ghost)).isEmpty();
    }

    @Test
    void reputationAndHistoryOfAnUnknownAgentAreNotFound() {
        AgentId ghost = AgentId.of("ghost");

        assertThatThrownBy(() -> service.reputationOf(ghost))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AGENT_NOT_FOUND));
        assertThatThrownBy(() -> service.history(ghost))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.getMessage()).isEqualTo("no agent has id 'ghost'"));
    }

    @Test
    void historyKeepsEveryEventWithItsTimeAndCauseInOrder() {
        TransactionId tx = transactions.add(PAYER, PROVIDER, TEN, clock.instant(), TransactionState.SETTLED);
        service.recordTaskOutcome(PROVIDER, true, 1, Optional.of(TEN), "transaction " + tx);
        clock.advance(Duration.ofMinutes(5));
        service.giveFeedback(PAYER, PROVIDER, tx, new BigDecimal("4.5"));
        clock.advance(Duration.ofMinutes(5));
        service.adjust(PROVIDER, new BigDecimal("-0.25"), "slow replies", "ops-2");

        assertThat(service.history(PROVIDER))
                .extracting(event -> event.at().toString() + " " + event.cause())
                .containsExactly(
                        "2026-11-26T08:00:00Z transaction " + tx,
                        "2026-11-26T08:05:00Z feedback 4.5 from payer on transaction " + tx,
                        "2026-11-26T08:10:00Z adjustment -0.25 by operator ops-2: slow replies");
    }

    @Test
    void failedRecordingLeavesNeitherEventNorSummary() {
        assertThatThrownBy(() -> service.recordTaskOutcome(PROVIDER, true, 0, Optional.empty(), "weightless"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("weight: must be above 0 and at most 100.0, was 0.0");

        assertThat(service.history(PROVIDER)).isEmpty();
        assertThat(reputations.summaryOf(PROVIDER)).isEmpty();
    }

    @Test
    void taskOutcomesCountSuccessesAndFailures() {
        service.recordTaskOutcome(PROVIDER, true, 1, Optional.empty(), "task 1");
        service.recordTaskOutcome(PROVIDER, true, 1, Optional.of(TEN), "task 2");
        Reputation reputation = service.recordTaskOutcome(PROVIDER, false, 1, Optional.empty(), "task 3");

        assertThat(reputation.successes()).isEqualTo(2);
        assertThat(reputation.failures()).isEqualTo(1);
        double w = 1 + Math.log10(11);
        assertThat(reputation.effectiveObservations()).isCloseTo(2 + w, within(1e-12));
        assertThat(reputation.score()).isCloseTo((15 + 5 + 5 * w) / (5 + 2 + w), within(1e-12));
    }

    @Test
    void lostDisputeWeighsLikeThreeZeroRatingsOnTheProvider() {
        TransactionId tx =
                transactions.add(PAYER, PROVIDER, Money.of("0.00", "USDC"), clock.instant(), TransactionState.SETTLED);

        Reputation reputation = service.recordDisputeLost(tx);

        assertThat(reputation.agent()).isEqualTo(PROVIDER);
        assertThat(reputation.score()).isCloseTo(15.0 / 8, within(1e-12));
        assertThat(reputation.failures()).isEqualTo(1);
        assertThat(service.history(PROVIDER))
                .singleElement()
                .extracting(ReputationEvent::cause)
                .isEqualTo("dispute lost on transaction " + tx);
    }

    @Test
    void lostDisputeWeighsOnlyTheShareRefunded() {
        TransactionId tx = transactions.add(
                PAYER,
                PROVIDER,
                Money.of("0.00", "USDC"),
                clock.instant(),
                TransactionState.SETTLED,
                TransactionState.DISPUTED,
                TransactionState.RESOLVED);

        service.providerLostDispute(PROVIDER, tx, 0.25, clock.instant());

        Reputation reputation = service.reputationOf(PROVIDER);
        // A quarter of three zero ratings: (3×5 + 0.75×0) / (5 + 0.75); settled before, so no success now.
        assertThat(reputation.score()).isCloseTo(15.0 / 5.75, within(1e-12));
        assertThat(reputation.effectiveObservations()).isCloseTo(0.75, within(1e-12));
        assertThat(reputation.failures()).isEqualTo(1);
        assertThat(reputation.successes()).isZero();
    }

    @Test
    void summaryIsAsOfTheLastEventWhileReputationOfDecaysToNow() {
        service.recordTaskOutcome(PROVIDER, true, 10, Optional.empty(), "big task");
        ReputationSummary summary = reputations.summaryOf(PROVIDER).orElseThrow();

        clock.advance(Duration.ofDays(365));

        assertThat(reputations.summaryOf(PROVIDER)).contains(summary);
        assertThat(service.reputationOf(PROVIDER).score())
                .isLessThan(summary.score())
                .isGreaterThan(3.0);
    }

    @Test
    void eventsUpdateTheStoredTallyWithoutReadingTheHistory() {
        CountingHistoryReads counting = new CountingHistoryReads(reputations);
        ReputationService countingService = new ReputationService(
                counting, transactions.repository, agents, unitOfWork, clock, ReputationPolicy.DEFAULTS);
        countingService.recordTaskOutcome(PROVIDER, true, 1, Optional.of(TEN), "task 1");
        int afterFirst = counting.historyReads.get();

        for (int i = 2; i <= 5; i++) {
            clock.advance(Duration.ofDays(3));
            countingService.recordTaskOutcome(PROVIDER, i % 2 == 0, 1, Optional.of(TEN), "task " + i);
        }
        clock.advance(Duration.ofDays(30));
        Reputation now = countingService.reputationOf(PROVIDER);

        assertThat(afterFirst)
                .as("the first event builds the tally from the history")
                .isEqualTo(1);
        assertThat(counting.historyReads.get()).isEqualTo(afterFirst);
        assertThat(reputations.tallyOf(PROVIDER).orElseThrow().asOf())
                .isEqualTo(clock.instant().minus(Duration.ofDays(30)));
        assertSameReputation(now, computedFromHistory(PROVIDER));
    }

    @Test
    void summaryWithoutATallyGetsItBuiltFromTheHistoryOnTheNextEvent() {
        service.recordTaskOutcome(PROVIDER, true, 2, Optional.of(TEN), "task 1");
        clock.advance(Duration.ofDays(10));
        service.adjust(PROVIDER, new BigDecimal("-0.25"), "late deliveries", "ops-1");
        clock.advance(Duration.ofDays(10));
        service.recordTaskOutcome(PROVIDER, false, 1, Optional.empty(), "task 2");
        // As a summary stored before tallies existed: the row is there, its tally is not.
        ReputationSummary legacy = reputations.summaryOf(PROVIDER).orElseThrow();
        unitOfWork.run(() -> reputations.saveSummary(legacy));
        assertSameReputation(service.reputationOf(PROVIDER), computedFromHistory(PROVIDER));

        clock.advance(Duration.ofDays(10));
        Reputation next = service.recordTaskOutcome(PROVIDER, true, 1, Optional.of(TEN), "task 3");

        assertThat(reputations.tallyOf(PROVIDER)).isPresent();
        assertSameReputation(next, computedFromHistory(PROVIDER));
        assertThat(next.successes()).isEqualTo(2);
        assertThat(next.failures()).isEqualTo(1);
        assertThat(reputations.summaryOf(PROVIDER)).contains(next.summary());
    }

    private Reputation computedFromHistory(AgentId agent) {
        return new ReputationCalculator(ReputationPolicy.DEFAULTS)
                .compute(agent, reputations.history(agent), clock.instant());
    }

    private static void assertSameReputation(Reputation actual, Reputation expected) {
        assertThat(actual.score()).isCloseTo(expected.score(), within(1e-9));
        assertThat(actual.low()).isCloseTo(expected.low(), within(1e-9));
        assertThat(actual.high()).isCloseTo(expected.high(), within(1e-9));
        assertThat(actual.effectiveObservations()).isCloseTo(expected.effectiveObservations(), within(1e-9));
        assertThat(List.of(actual.successes(), actual.failures(), actual.feedbackCount()))
                .isEqualTo(List.of(expected.successes(), expected.failures(), expected.feedbackCount()));
        assertThat(actual.asOf()).isEqualTo(expected.asOf());
    }

    /** The in-memory port, counting how often a whole history is read. */
    private static final class CountingHistoryReads implements ReputationRepository {
        private final ReputationRepository delegate;
        private final AtomicInteger historyReads = new AtomicInteger();

        CountingHistoryReads(ReputationRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<ReputationEvent> history(AgentId agent) {
            historyReads.incrementAndGet();
            return delegate.history(agent);
        }

        @Override
        public void append(ReputationEvent event) {
            delegate.append(event);
        }

        @Override
        public boolean hasFeedbackFor(TransactionId transaction) {
            return delegate.hasFeedbackFor(transaction);
        }

        @Override
        public void saveSummary(ReputationSummary summary, ReputationTally tally) {
            delegate.saveSummary(summary, tally);
        }

        @Override
        public void saveSummary(ReputationSummary summary) {
            delegate.saveSummary(summary);
        }

        @Override
        public Optional<ReputationSummary> summaryOf(AgentId agent) {
            return delegate.summaryOf(agent);
        }

        @Override
        public Optional<ReputationTally> tallyOf(AgentId agent) {
            return delegate.tallyOf(agent);
        }

        @Override
        public void appendPoint(ReputationPoint point) {
            delegate.appendPoint(point);
        }

        @Override
        public List<ReputationPoint> recentPoints(AgentId agent, int limit) {
            return delegate.recentPoints(agent, limit);
        }
    }
}
