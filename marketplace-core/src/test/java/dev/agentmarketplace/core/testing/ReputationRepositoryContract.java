package dev.agentmarketplace.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.RuleViolationException;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.reputation.ReputationEvent;
import dev.agentmarketplace.core.reputation.ReputationPoint;
import dev.agentmarketplace.core.reputation.ReputationRepository;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import dev.agentmarketplace.core.reputation.ReputationTally;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReputationRepository} must do; persistence runs it against H2 and PostgreSQL.
 * Agents the events refer to are {@code rep-a} and {@code rep-b}; an adapter whose schema needs
 * them registered does so in {@link #repository()}.
 */
public abstract class ReputationRepositoryContract {
    protected static final AgentId A = AgentId.of("rep-a");
    protected static final AgentId B = AgentId.of("rep-b");
    private static final AgentId PAYER = AgentId.of("rep-payer");
    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

    private ReputationRepository repository;
    private UnitOfWork unitOfWork;

    /** A fresh, empty repository whose writes join {@link #unitOfWork()}. */
    protected abstract ReputationRepository repository();

    protected abstract UnitOfWork unitOfWork();

    @BeforeEach
    void setUp() {
        repository = repository();
        unitOfWork = unitOfWork();
    }

    @Test
    void historyIsEmptyForAnAgentWithoutEvents() {
        assertThat(repository.history(A)).isEmpty();
        assertThat(repository.summaryOf(A)).isEmpty();
    }

    @Test
    void historyKeepsEveryEventOfAnAgentInAppendOrder() {
        ReputationEvent first = success(A, T0);
        ReputationEvent second = new ReputationEvent.OperatorAdjustment(
                A, T0.plusSeconds(1), new BigDecimal("-0.5"), "late deliveries", "ops-1");
        ReputationEvent third = feedback(A, T0.plusSeconds(2), tx(1));
        ReputationEvent fourth = new ReputationEvent.DisputeLost(A, T0.plusSeconds(3), 1.5, tx(2));
        ReputationEvent other = success(B, T0);

        unitOfWork.run(() -> {
            repository.append(first);
            repository.append(other);
            repository.append(second);
            repository.append(third);
            repository.append(fourth);
        });

        assertThat(repository.history(A)).containsExactly(first, second, third, fourth);
        assertThat(repository.history(B)).containsExactly(other);
    }

    @Test
    void secondFeedbackOnOneTransactionIsRefused() {
        unitOfWork.run(() -> repository.append(feedback(A, T0, tx(1))));

        assertThat(repository.hasFeedbackFor(tx(1))).isTrue();
        assertThat(repository.hasFeedbackFor(tx(2))).isFalse();
        assertThatThrownBy(() -> unitOfWork.run(() -> repository.append(feedback(A, T0.plusSeconds(5), tx(1)))))
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FEEDBACK_ALREADY_GIVEN));
        assertThat(repository.history(A)).hasSize(1);
    }

    @Test
    void concurrentFeedbackOnOneTransactionIsStoredOnce() throws Exception {
        int callers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<ErrorCode>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Instant at = T0.plusSeconds(i);
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        unitOfWork.run(() -> repository.append(feedback(A, at, tx(7))));
                        return null;
                    } catch (ConflictException e) {
                        return e.code();
                    }
                }));
            }
            start.countDown();
            List<ErrorCode> outcomes = new ArrayList<>();
            for (Future<ErrorCode> result : results) {
                outcomes.add(result.get());
            }

            assertThat(outcomes).containsOnlyOnce((ErrorCode) null);
            assertThat(outcomes).filteredOn(Objects::nonNull).containsOnly(ErrorCode.FEEDBACK_ALREADY_GIVEN);
            assertThat(repository.history(A)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failedUnitOfWorkLeavesNoEventNorSummaryBehind() {
        assertThatThrownBy(() -> unitOfWork.run(() -> {
                    repository.append(feedback(A, T0, tx(1)));
                    repository.saveSummary(new ReputationSummary(A, 3.2, 2.5, 1, T0));
                    throw new RuleViolationException(ErrorCode.FEEDBACK_NOT_ALLOWED, "refused later in the work");
                }))
                .isInstanceOf(RuleViolationException.class);

        assertThat(repository.history(A)).isEmpty();
        assertThat(repository.hasFeedbackFor(tx(1))).isFalse();
        assertThat(repository.summaryOf(A)).isEmpty();
    }

    @Test
    void savedSummaryReplacesThePreviousOne() {
        ReputationSummary first = new ReputationSummary(A, 3.2, 2.5, 1, T0);
        ReputationSummary second = new ReputationSummary(A, 3.4, 2.75, 2, T0.plus(Duration.ofHours(1)));

        unitOfWork.run(() -> repository.saveSummary(first));
        unitOfWork.run(() -> repository.saveSummary(second));

        assertThat(repository.summaryOf(A)).contains(second);
        assertThat(repository.summaryOf(B)).isEmpty();
    }

    @Test
    void summaryIsStoredWithItsTallyAndBothReplaceThePreviousOnes() {
        ReputationTally first = new ReputationTally(1, 5, 25, 0, 1, 0, 0, T0);
        ReputationTally second = new ReputationTally(2.5, 9.5, 41.25, -0.25, 1, 1, 3, T0.plusMillis(1_500));
        ReputationSummary summary = new ReputationSummary(A, 3.4, 2.75, 2.5, T0.plusMillis(1_500));

        unitOfWork.run(() -> repository.saveSummary(new ReputationSummary(A, 3.3, 2.5, 1, T0), first));
        unitOfWork.run(() -> repository.saveSummary(summary, second));

        assertThat(repository.summaryOf(A)).contains(summary);
        assertThat(repository.tallyOf(A)).contains(second);
        assertThat(repository.tallyOf(B)).isEmpty();
    }

    @Test
    void summaryStoredWithoutATallyDropsThePreviousTally() {
        ReputationSummary summary = new ReputationSummary(A, 3.2, 2.5, 1, T0);
        unitOfWork.run(() -> repository.saveSummary(summary, new ReputationTally(1, 5, 25, 0, 1, 0, 0, T0)));

        unitOfWork.run(() -> repository.saveSummary(summary));

        assertThat(repository.summaryOf(A)).contains(summary);
        assertThat(repository.tallyOf(A)).isEmpty();
    }

    @Test
    void failedUnitOfWorkLeavesThePreviousTally() {
        ReputationTally kept = new ReputationTally(1, 5, 25, 0, 1, 0, 0, T0);
        unitOfWork.run(() -> repository.saveSummary(new ReputationSummary(A, 3.2, 2.5, 1, T0), kept));

        assertThatThrownBy(() -> unitOfWork.run(() -> {
                    repository.saveSummary(
                            new ReputationSummary(A, 2.9, 2, 2, T0.plusSeconds(1)),
                            new ReputationTally(2, 5, 25, 0, 1, 1, 0, T0.plusSeconds(1)));
                    throw new RuleViolationException(ErrorCode.FEEDBACK_NOT_ALLOWED, "refused later in the work");
                }))
                .isInstanceOf(RuleViolationException.class);

        assertThat(repository.tallyOf(A)).contains(kept);
    }

    @Test
    void recentPointsAreTheLastOfTheAgentsSeriesOldestFirst() {
        List<ReputationPoint> series = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            series.add(new ReputationPoint(A, T0.plusSeconds(i), 3 + i * 0.1, 2 + i * 0.1, 4 + i * 0.1));
        }
        ReputationPoint other = new ReputationPoint(B, T0, 1, 0.5, 1.5);
        unitOfWork.run(() -> {
            series.forEach(repository::appendPoint);
            repository.appendPoint(other);
        });

        assertThat(repository.recentPoints(A, 3)).containsExactly(series.get(2), series.get(3), series.get(4));
        assertThat(repository.recentPoints(A, 50)).containsExactlyElementsOf(series);
        assertThat(repository.recentPoints(B, 50)).containsExactly(other);
    }

    @Test
    void pointsKeepTheirAppendOrderEvenWhenTheirTimesTie() {
        ReputationPoint first = new ReputationPoint(A, T0, 3.1, 2, 4);
        ReputationPoint second = new ReputationPoint(A, T0, 2.9, 2, 4);
        unitOfWork.run(() -> {
            repository.appendPoint(first);
            repository.appendPoint(second);
        });

        assertThat(repository.recentPoints(A, 1)).containsExactly(second);
        assertThat(repository.recentPoints(A, 2)).containsExactly(first, second);
    }

    @Test
    void failedUnitOfWorkLeavesNoPointBehind() {
        assertThatThrownBy(() -> unitOfWork.run(() -> {
                    repository.appendPoint(new ReputationPoint(A, T0, 3.1, 2, 4));
                    throw new RuleViolationException(ErrorCode.FEEDBACK_NOT_ALLOWED, "refused later in the work");
                }))
                .isInstanceOf(RuleViolationException.class);

        assertThat(repository.recentPoints(A, 10)).isEmpty();
    }

    private static ReputationEvent success(AgentId agent, Instant at) {
        return new ReputationEvent.TaskOutcome(agent, at, 1, true, 1, "task done");
    }

    private static ReputationEvent feedback(AgentId agent, Instant at, TransactionId transaction) {
        return new ReputationEvent.Feedback(agent, at, 2, new BigDecimal("4.5"), 1, PAYER, transaction);
    }

    protected static TransactionId tx(int n) {
        return TransactionId.of(String.format("00000000-0000-4000-8000-%012d", n));
    }
}
