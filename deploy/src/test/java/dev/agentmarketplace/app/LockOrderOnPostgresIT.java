package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.dispute.DisputeId;
import dev.agentmarketplace.core.dispute.EvidenceItem;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.ChainVerification;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.JournalVerifier;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.reputation.ReputationService;
import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lock order of marketplace-core's README ("Lock order"), proven on PostgreSQL with the
 * application's own wiring: a few agents hire each other while others settle, cancel, dispute,
 * decide disputes as an operator, adjust reputations and send heartbeats, all at once. Issue 11
 * saw 101 deadlocks in 45 s of this mix; with one order for every write path there must be none.
 * Bounded: {@link #THREADS} threads, at most {@link #OPERATIONS_PER_THREAD} operations each, and
 * at most {@link #BUDGET_MILLIS} of wall time.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class LockOrderOnPostgresIT {
    private static final int THREADS = 8;
    private static final int OPERATIONS_PER_THREAD = 150;
    private static final long BUDGET_MILLIS = 25_000;
    private static final String DEADLOCK = "40P01";
    private static final Capability PYTHON = Capability.of("python");
    private static final List<AgentId> AGENTS = List.of("agent-a", "agent-b", "agent-c", "agent-d").stream()
            .map(AgentId::of)
            .toList();
    /** The refusals racing on the same transaction or dispute may legitimately cause; anything else is a bug. */
    private static final List<ErrorCode> EXPECTED_REFUSALS =
            List.of(ErrorCode.ILLEGAL_TRANSITION, ErrorCode.CONCURRENT_MODIFICATION);

    @Inject
    RegistryFixture fixture;

    @Inject
    AgentRegistry registry;

    @Inject
    Ledger ledger;

    @Inject
    DisputeDesk disputes;

    @Inject
    ReputationService reputation;

    @Inject
    JournalVerifier verifier;

    @Inject
    DataSource dataSource;

    private final Map<TransactionId, Transaction> pending = new ConcurrentHashMap<>();
    private final Map<TransactionId, Transaction> settled = new ConcurrentHashMap<>();
    private final Map<DisputeId, Dispute> open = new ConcurrentHashMap<>();
    private final AtomicLong keys = new AtomicLong();

    @BeforeEach
    void registerAgents() {
        fixture.clear();
        for (AgentId agent : AGENTS) {
            fixture.register(
                    agent.value(),
                    agent.value(),
                    Availability.ONLINE,
                    RegistryFixture.PRICE,
                    100_000,
                    Map.of(),
                    PYTHON.name());
        }
    }

    @AfterEach
    void leaveNothingBehind() {
        fixture.clear();
    }

    @Test
    void hiresSettlesCancelsDisputesAndDecisionsTogetherNeverDeadlock() throws Exception {
        long deadlocksBefore = databaseDeadlocks();
        AtomicInteger deadlocks = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.currentTimeMillis() + BUDGET_MILLIS;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < OPERATIONS_PER_THREAD && System.currentTimeMillis() < deadline; i++) {
                        try {
                            step(ThreadLocalRandom.current());
                            done.incrementAndGet();
                        } catch (DomainException refused) {
                            if (!EXPECTED_REFUSALS.contains(refused.code())) {
                                unexpected.add(refused);
                            }
                        } catch (RuntimeException failed) {
                            if (isDeadlock(failed)) {
                                deadlocks.incrementAndGet();
                            } else {
                                unexpected.add(failed);
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(BUDGET_MILLIS + 30_000, TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(deadlocks.get())
                .as("units of work PostgreSQL aborted as deadlocked")
                .isZero();
        assertThat(unexpected).isEmpty();
        assertThat(done.get()).as("operations that went through").isGreaterThan(THREADS * 10);
        assertThat(databaseDeadlocks() - deadlocksBefore)
                .as("pg_stat_database.deadlocks")
                .isZero();
        assertThat(journalSum()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(verifier.verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    /** One random operation; hires dominate, so the others always find something to work on. */
    private void step(ThreadLocalRandom random) {
        int roll = random.nextInt(100);
        if (roll < 35 || pending.isEmpty()) {
            hire(random);
        } else if (roll < 50) {
            pick(pending, random).ifPresent(tx -> {
                Transaction done = ledger.settle(tx.id(), Actor.agent(tx.payer()), Optional.empty());
                pending.remove(tx.id());
                settled.put(done.id(), done);
            });
        } else if (roll < 60) {
            pick(pending, random).ifPresent(tx -> {
                ledger.cancel(tx.id(), Actor.agent(tx.payer()));
                pending.remove(tx.id());
            });
        } else if (roll < 75) {
            Map<TransactionId, Transaction> from = random.nextBoolean() ? pending : settled;
            pick(from, random).ifPresent(tx -> {
                Dispute dispute = disputes.open(
                        tx.id(), tx.payer(), "not delivered", List.of(new EvidenceItem.Text("empty output")));
                from.remove(tx.id());
                open.put(dispute.id(), dispute);
            });
        } else if (roll < 90) {
            pick(open, random).ifPresent(dispute -> {
                disputes.resolve(dispute.id(), "ops-1", outcome(random), "decided under load");
                open.remove(dispute.id());
            });
        } else if (roll < 95) {
            reputation.adjust(AGENTS.get(random.nextInt(AGENTS.size())), new BigDecimal("0.01"), "load test", "ops-1");
        } else {
            registry.heartbeat(AGENTS.get(random.nextInt(AGENTS.size())), Optional.of(Availability.ONLINE));
        }
    }

    private void hire(ThreadLocalRandom random) {
        int payer = random.nextInt(AGENTS.size());
        int provider = (payer + 1 + random.nextInt(AGENTS.size() - 1)) % AGENTS.size();
        Transaction hired = ledger.hire(new HireRequest(
                        AGENTS.get(payer),
                        AGENTS.get(provider),
                        PYTHON,
                        Money.of("2.00", "USDC"),
                        "load",
                        IdempotencyKey.of("lock-order-key-%08d".formatted(keys.incrementAndGet()))))
                .transaction();
        pending.put(hired.id(), hired);
    }

    private static DisputeOutcome outcome(ThreadLocalRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> new DisputeOutcome.ProviderUpheld();
            case 1 -> new DisputeOutcome.FullRefund();
            default -> new DisputeOutcome.PartialRefund(Money.of("0.50", "USDC"));
        };
    }

    private static <K, V> Optional<V> pick(Map<K, V> from, ThreadLocalRandom random) {
        List<V> values = List.copyOf(from.values());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(random.nextInt(values.size())));
    }

    private static boolean isDeadlock(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && DEADLOCK.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** What PostgreSQL itself counted for this test's database; stats reach the view within a second or so. */
    private long databaseDeadlocks() throws SQLException, InterruptedException {
        long seen = -1;
        // A backend reports its counters when it goes idle, so read until two reads agree.
        for (int attempt = 0; attempt < 15; attempt++) {
            long now = query("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");
            if (now == seen) {
                return now;
            }
            seen = now;
            Thread.sleep(1000);
        }
        return seen;
    }

    private BigDecimal journalSum() throws SQLException {
        return number("SELECT COALESCE(SUM(amount), 0) FROM journal_posting").stripTrailingZeros();
    }

    private long query(String sql) throws SQLException {
        return number(sql).longValueExact();
    }

    private BigDecimal number(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getBigDecimal(1);
            }
        }
    }
}
