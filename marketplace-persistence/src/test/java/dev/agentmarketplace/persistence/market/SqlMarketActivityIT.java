package dev.agentmarketplace.persistence.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.HireStatistics;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.JournalRepository;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.market.AgentCensus;
import dev.agentmarketplace.core.market.CatchUp;
import dev.agentmarketplace.core.market.CatchUpLimits;
import dev.agentmarketplace.core.market.HourlyActivity;
import dev.agentmarketplace.core.market.MarketActivity;
import dev.agentmarketplace.core.market.StateTotal;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.testing.MarketActivityContract;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.ledger.PanacheHireStatistics;
import dev.agentmarketplace.persistence.ledger.PanacheJournalRepository;
import dev.agentmarketplace.persistence.ledger.PanacheTransactionRepository;
import dev.agentmarketplace.persistence.registry.PanacheAgentRepository;
import dev.agentmarketplace.persistence.testing.LedgerTables;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The core's {@link MarketActivityContract} on H2 against the rollups, plus what only a database
 * shows: the first catch-up over an existing ledger, bounded steps, a late commit, a cursor held by
 * another replica, and replicas catching up at once while the ledger moves. {@link
 * SqlMarketActivityOnPostgresIT} runs it all on PostgreSQL.
 */
@QuarkusTest
class SqlMarketActivityIT extends MarketActivityContract {
    @Inject
    PanacheAgentRepository agents;

    @Inject
    PanacheTransactionRepository transactions;

    @Inject
    PanacheJournalRepository journal;

    @Inject
    PanacheHireStatistics statistics;

    @Inject
    TransactionalUnitOfWork unitOfWork;

    @Inject
    SqlMarketActivity activity;

    @Inject
    SqlAgentCensus census;

    @Inject
    DataSource dataSource;

    /** Each test gets an empty database on first use; the contract's own setup is the first user. */
    private boolean emptied;

    private void fresh() {
        if (!emptied) {
            LedgerTables.empty(dataSource);
            emptied = true;
        }
    }

    @AfterEach
    void leaveNothingBehind() {
        LedgerTables.empty(dataSource);
    }

    @Override
    protected UnitOfWork unitOfWork() {
        fresh();
        return unitOfWork;
    }

    @Override
    protected AgentRepository agents() {
        fresh();
        return agents;
    }

    @Override
    protected TransactionRepository transactions() {
        fresh();
        return transactions;
    }

    @Override
    protected JournalRepository journal() {
        fresh();
        return journal;
    }

    @Override
    protected HireStatistics statistics() {
        fresh();
        return statistics;
    }

    @Override
    protected MarketActivity activity() {
        fresh();
        return activity;
    }

    @Override
    protected AgentCensus census() {
        fresh();
        return census;
    }

    @Test
    void theFirstCatchUpCountsTheWholeExistingLedgerInBoundedSteps() {
        for (int day = 0; day < 3; day++) {
            Instant at = H8.plus(Duration.ofDays(day));
            settle(at.plusSeconds(120), hire(at.plusSeconds(60), "alice", "bob", "python", "4.00"));
            hire(at.plus(Duration.ofHours(5)), "carol", "bob", "rust", "2.00");
        }
        clock.set(H8.plus(Duration.ofDays(2)).plus(Duration.ofHours(6)));
        CatchUpLimits small = new CatchUpLimits(Duration.ofMinutes(2), 10, 2);

        List<CatchUp> steps = new ArrayList<>();
        do {
            steps.add(activity.catchUp(clock.instant(), small));
        } while (!steps.getLast().caughtUp() && steps.size() < 100);

        // 8:00 of day 0 to 14:00 of day 2 is 55 hours: 6 steps of at most 10; 9 journal entries: 5 of at most 2.
        assertThat(steps).hasSize(6);
        assertThat(steps.stream().mapToInt(CatchUp::hoursRecomputed).sum()).isEqualTo(55);
        assertThat(steps.stream().mapToLong(CatchUp::journalEntriesRead).sum()).isEqualTo(9);
        assertThat(steps.subList(0, 5)).noneMatch(CatchUp::caughtUp);
        assertThat(activity.totals())
                .containsExactlyInAnyOrder(
                        new StateTotal(TransactionState.SETTLED, 3, Money.of("12.00", "USDC")),
                        new StateTotal(TransactionState.PENDING, 3, Money.of("6.00", "USDC")));
        assertThat(activity.feeBalance()).isEqualTo(journal.balanceOf(Account.PLATFORM_FEES));
    }

    @Test
    void aMoveThatCommitsLateWithinTheCommitLagIsStillCounted() {
        hire(H8.plusSeconds(10), "alice", "bob", "python", "1.00");
        clock.set(H8.plusSeconds(600));
        catchUp();

        // A unit of work that read the clock 30 s before the last catch-up and committed after it.
        hire(H8.plusSeconds(570), "carol", "bob", "python", "2.00");
        clock.set(H8.plusSeconds(610));
        catchUp();

        assertThat(activity.hours(H8, H9))
                .containsExactly(new HourlyActivity(H8, TransactionState.PENDING, 2, Money.of("3.00", "USDC")));
    }

    @Test
    void aReplicaSkipsTheCatchUpWhileAnotherHoldsTheCursor() throws Exception {
        hire(H8.plusSeconds(10), "alice", "bob", "python", "1.00");
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement lock = other.createStatement();
                    ResultSet row = lock.executeQuery("SELECT id FROM market_rollup_cursor WHERE id = 1 FOR UPDATE")) {
                assertThat(row.next()).isTrue();
                assertThat(activity.catchUp(clock.instant(), LIMITS)).isEqualTo(CatchUp.SKIPPED);
                assertThat(activity.hours(H8, H9)).isEmpty();
            } finally {
                other.rollback();
            }
        }
        catchUp();
        assertThat(activity.hours(H8, H9)).hasSize(1);
    }

    @Test
    void replicasCatchingUpAtOnceWhileTheLedgerMovesCountEveryHireAndFeeOnce() throws Exception {
        clock.set(H8.plusSeconds(60));
        AtomicBoolean moving = new AtomicBoolean(true);
        AtomicInteger stepsThatRan = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> replicas = new ArrayList<>();
            for (int replica = 0; replica < 4; replica++) {
                replicas.add(pool.submit(() -> {
                    while (moving.get()) {
                        if (activity.catchUp(clock.instant(), LIMITS).ran()) {
                            stepsThatRan.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> traders = new ArrayList<>();
            for (String payer : List.of("alice", "carol")) {
                traders.add(pool.submit(() -> {
                    for (int n = 0; n < 40; n++) {
                        TransactionId id = ledgerHire(payer, n % 3 == 0 ? "rust" : "python");
                        if (n % 2 == 0) {
                            ledger.settle(id, Actor.operator("ops"), Optional.empty());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> trader : traders) {
                trader.get();
            }
            moving.set(false);
            for (Future<?> replica : replicas) {
                replica.get();
            }
        } finally {
            pool.shutdownNow();
        }
        catchUp();

        assertThat(stepsThatRan.get()).isPositive();
        assertThat(activity.totals()).containsExactlyInAnyOrderElementsOf(totalsOfTheLedger());
        assertThat(activity.feeBalance())
                .isEqualTo(journal.balanceOf(Account.PLATFORM_FEES))
                .isEqualTo(Map.of(USDC, Money.of("1.00", "USDC")));
        assertThat(activity.topCapabilities(H8, H9, 10))
                .extracting(demand -> demand.hires())
                .containsExactly(52L, 28L);
    }

    private final AtomicInteger concurrentKeys = new AtomicInteger();

    /** A hire at the clock's fixed instant, safe to call from several threads. */
    private TransactionId ledgerHire(String payer, String capability) {
        return ledger.hire(new HireRequest(
                        AgentId.of(payer),
                        AgentId.of("bob"),
                        Capability.of(capability),
                        Money.of("1.00", "USDC"),
                        "concurrent",
                        IdempotencyKey.of("concurrent-key-%08d".formatted(concurrentKeys.incrementAndGet()))))
                .transaction()
                .id();
    }

    /** The truth, straight from ledger_transaction. */
    private List<StateTotal> totalsOfTheLedger() throws Exception {
        List<StateTotal> totals = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery(
                        "SELECT state, COUNT(*), SUM(amount) FROM ledger_transaction GROUP BY state")) {
            while (rows.next()) {
                totals.add(new StateTotal(
                        TransactionState.valueOf(rows.getString(1)),
                        rows.getLong(2),
                        Money.of(rows.getBigDecimal(3), USDC)));
            }
        }
        return totals;
    }
}
