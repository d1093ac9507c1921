package dev.agentmarketplace.persistence.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.ChainVerification;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.HireResult;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.JournalVerifier;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.LedgerSettings;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.testing.LedgerContractData;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.registry.PanacheAgentRepository;
import dev.agentmarketplace.persistence.testing.LedgerTables;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real {@link Ledger} over the database adapters, hammered by 16 threads: hires of one provider
 * with a small capacity (and now and then by it, of its payers), settles and cancels of recent transactions (several threads often race for
 * the same one), and retries of earlier hires. Whatever the interleaving, the provider is never
 * over capacity, nothing is settled twice, the journal balances and its chain verifies.
 * {@link LedgerConcurrencyOnPostgresIT} runs it on PostgreSQL.
 */
@QuarkusTest
class LedgerConcurrencyIT {
    private static final int THREADS = 16;
    private static final int OPERATIONS_PER_THREAD = 200;
    private static final int CAPACITY = 25;
    private static final AgentId PROVIDER = AgentId.of("busy-provider");
    private static final List<AgentId> PAYERS =
            List.of("payer-a", "payer-b", "payer-c", "payer-d", "payer-e", "payer-f").stream()
                    .map(AgentId::of)
                    .toList();
    /** The refusals concurrency may legitimately cause; any other failure is a bug. */
    private static final List<ErrorCode> EXPECTED_REFUSALS =
            List.of(ErrorCode.CAPACITY_EXCEEDED, ErrorCode.ILLEGAL_TRANSITION, ErrorCode.CONCURRENT_MODIFICATION);

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
    DataSource dataSource;

    private Ledger ledger;

    @BeforeEach
    void registerProviderAndPayers() {
        LedgerTables.empty(dataSource);
        agents.add(LedgerContractData.agent(PROVIDER.value()).toBuilder()
                .capacityPerHour(CAPACITY)
                .build());
        PAYERS.forEach(payer -> agents.add(LedgerContractData.agent(payer.value())));
        ledger = new Ledger(
                transactions,
                journal,
                agents,
                statistics,
                unitOfWork,
                UUID::randomUUID,
                new TickingClock(LedgerContractData.T0),
                LedgerSettings.DEFAULTS);
    }

    @AfterEach
    void leaveNothingBehind() {
        LedgerTables.empty(dataSource);
    }

    @Test
    void concurrentHiresSettlesAndCancelsKeepEveryLedgerInvariant() throws Exception {
        Map<ErrorCode, AtomicInteger> refusals = new ConcurrentHashMap<>();
        Failures unexpected = new Failures();
        List<TransactionId> hired = new CopyOnWriteArrayList<>();
        List<HireRequest> requests = new CopyOnWriteArrayList<>();
        Map<TransactionId, AtomicInteger> settledByUs = new ConcurrentHashMap<>();
        AtomicLong keys = new AtomicLong();
        AtomicInteger created = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Long> overCapacitySightings = new CopyOnWriteArrayList<>();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            // Samples the committed hire count while the load runs: capacity must hold at every moment, not only at the
            // end.
            Future<?> monitor = pool.submit(() -> {
                while (running.get()) {
                    long active = statistics.hiresOf(PROVIDER, LedgerContractData.T0.minus(Duration.ofHours(1)));
                    if (active > CAPACITY) {
                        overCapacitySightings.add(active);
                    }
                    pause();
                }
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int op = 0; op < OPERATIONS_PER_THREAD; op++) {
                        int dice = random.nextInt(100);
                        try {
                            if (dice < 45 || hired.isEmpty()) {
                                // Now and then the busy provider hires one of its payers: two agents
                                // hiring each other at once must not deadlock on their rows.
                                AgentId payer = PAYERS.get(random.nextInt(PAYERS.size()));
                                boolean reversed = random.nextInt(10) == 0;
                                HireRequest request = new HireRequest(
                                        reversed ? PROVIDER : payer,
                                        reversed ? payer : PROVIDER,
                                        Capability.of("python"),
                                        Money.of("1.00", "USDC"),
                                        "stress",
                                        IdempotencyKey.of("stress-key-%010d".formatted(keys.incrementAndGet())));
                                record(ledger.hire(request), request, hired, requests, created);
                            } else if (dice < 50 && !requests.isEmpty()) {
                                // A client's retry: answered with the original, never a second hire.
                                HireRequest retry = requests.get(random.nextInt(requests.size()));
                                HireResult replayed = ledger.hire(retry);
                                assertThat(replayed.created()).isFalse();
                            } else {
                                // The most recent hires: several threads often pick the same one at once.
                                TransactionId target =
                                        hired.get(hired.size() - 1 - random.nextInt(Math.min(4, hired.size())));
                                if (dice < 80) {
                                    ledger.settle(target, Actor.operator("stress"), Optional.of("0xsettle"));
                                    settledByUs
                                            .computeIfAbsent(target, id -> new AtomicInteger())
                                            .incrementAndGet();
                                } else {
                                    ledger.cancel(target, Actor.system("stress"));
                                }
                            }
                        } catch (DomainException refused) {
                            if (EXPECTED_REFUSALS.contains(refused.code())) {
                                refusals.computeIfAbsent(refused.code(), code -> new AtomicInteger())
                                        .incrementAndGet();
                            } else {
                                unexpected.add(refused);
                            }
                        } catch (RuntimeException | AssertionError failure) {
                            unexpected.add(failure);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(10, TimeUnit.MINUTES);
            }
            running.set(false);
            monitor.get(1, TimeUnit.MINUTES);
        } finally {
            running.set(false);
            pool.shutdownNow();
        }

        Map<ErrorCode, Integer> counted = new EnumMap<>(ErrorCode.class);
        refusals.forEach((code, count) -> counted.put(code, count.get()));
        System.out.printf(
                "ledger stress on %s: %d hires created, refusals %s%n", databaseName(), created.get(), counted);

        assertThat(unexpected.failures)
                .as("failures other than the expected refusals")
                .isEmpty();
        assertThat(refusals).containsKey(ErrorCode.CAPACITY_EXCEEDED);

        // Capacity: never more live hires in the hour than the provider takes, and the load did reach it.
        assertThat(overCapacitySightings).isEmpty();
        long active = statistics.hiresOf(PROVIDER, LedgerContractData.T0.minus(Duration.ofHours(1)));
        assertThat(active).isLessThanOrEqualTo(CAPACITY);
        assertThat(created.get()).isGreaterThanOrEqualTo(CAPACITY);
        assertThat(count("SELECT COUNT(*) FROM ledger_transaction")).isEqualTo(created.get());

        // Nothing settled twice, by the ledger's answers and by the journal.
        assertThat(settledByUs.values())
                .allSatisfy(times -> assertThat(times.get()).isEqualTo(1));
        assertThat(count("SELECT COUNT(*) FROM (SELECT transaction_id FROM journal_entry WHERE kind = 'SETTLE'"
                        + " GROUP BY transaction_id HAVING COUNT(*) > 1) twice"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM journal_entry WHERE kind = 'SETTLE'"))
                .isEqualTo(settledByUs.size())
                .isEqualTo(count("SELECT COUNT(*) FROM ledger_transaction WHERE state = 'SETTLED'"));
        assertThat(count("SELECT COUNT(*) FROM journal_entry WHERE kind = 'VOID'"))
                .isEqualTo(count("SELECT COUNT(*) FROM ledger_transaction WHERE state = 'CANCELLED'"));
        assertThat(count("SELECT COUNT(*) FROM journal_entry WHERE kind = 'HOLD'"))
                .isEqualTo(created.get());

        // Zero sum per transaction and currency, and over the whole journal.
        assertThat(count("SELECT COUNT(*) FROM (SELECT e.transaction_id, p.currency FROM journal_posting p"
                        + " JOIN journal_entry e ON e.entry_sequence = p.entry_sequence"
                        + " GROUP BY e.transaction_id, p.currency HAVING SUM(p.amount) <> 0) unbalanced"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM (SELECT currency FROM journal_posting GROUP BY currency"
                        + " HAVING SUM(amount) <> 0) unbalanced"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM journal_posting")).isPositive();

        // The chain: contiguous sequences, every hash true and linked.
        long entries = count("SELECT COUNT(*) FROM journal_entry");
        assertThat(new JournalVerifier(journal).verify()).isEqualTo(new ChainVerification.Intact(entries));
        assertThat(count("SELECT MAX(entry_sequence) FROM journal_entry")).isEqualTo(entries);
    }

    private static void record(
            HireResult result,
            HireRequest request,
            List<TransactionId> hired,
            List<HireRequest> requests,
            AtomicInteger created) {
        assertThat(result.created()).isTrue();
        hired.add(result.transaction().id());
        requests.add(request);
        created.incrementAndGet();
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String databaseName() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Failures collected from the worker threads, reported together. */
    private static final class Failures {
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

        void add(Throwable failure) {
            failures.add(failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
    }

    /**
     * Time that moves one microsecond per reading, from the provider's last heartbeat: every hire
     * falls in the same capacity hour and the provider stays within its heartbeat lease.
     */
    private static final class TickingClock extends Clock {
        private final Instant start;
        private final AtomicLong ticks = new AtomicLong();

        TickingClock(Instant start) {
            this.start = start;
        }

        @Override
        public Instant instant() {
            return start.plusNanos(1_000 * ticks.incrementAndGet());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the ledger reads instants only");
        }
    }
}
