package dev.agentmarketplace.persistence.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.discovery.AgentSearch;
import dev.agentmarketplace.core.discovery.DiscoverySettings;
import dev.agentmarketplace.core.discovery.SearchCriteria;
import dev.agentmarketplace.core.discovery.SearchHit;
import dev.agentmarketplace.core.discovery.SearchSort;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.LedgerSettings;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.testing.LedgerContractData;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.ledger.PanacheHireStatistics;
import dev.agentmarketplace.persistence.ledger.PanacheJournalRepository;
import dev.agentmarketplace.persistence.ledger.PanacheTransactionRepository;
import dev.agentmarketplace.persistence.registry.PanacheAgentRepository;
import dev.agentmarketplace.persistence.testing.LedgerTables;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load on the ranking rows is shared state that every hire, every cancel and the load sweep of
 * every replica write (issue 13). Eight threads hire and cancel through a real {@link Ledger} while
 * a ninth sweeps, over providers whose counts the window had outgrown before they started: whatever
 * the interleaving, nobody fails but for the refusals concurrency may cause, and every provider's
 * ranking rows end with exactly the hires of the hour in provider_load, which the LOAD sort then
 * orders. {@link LoadRankingConcurrencyOnPostgresIT} runs it on PostgreSQL.
 */
@QuarkusTest
class LoadRankingConcurrencyIT {
    private static final int THREADS = 8;
    private static final int OPERATIONS_PER_THREAD = 60;
    private static final Instant NOW = LedgerContractData.T0;
    private static final List<AgentId> BUSY = List.of(AgentId.of("busy-a"), AgentId.of("busy-b"));
    private static final List<AgentId> PAYERS =
            List.of(AgentId.of("payer-a"), AgentId.of("payer-b"), AgentId.of("payer-c"), AgentId.of("payer-d"));
    /** Hired 61 minutes ago only: the sweep, racing the hires, is all that brings them back to zero. */
    private static final List<AgentId> IDLE = List.of(
            AgentId.of("idle-a"),
            AgentId.of("idle-b"),
            AgentId.of("idle-c"),
            AgentId.of("idle-d"),
            AgentId.of("idle-e"));

    private static final List<ErrorCode> EXPECTED_REFUSALS =
            List.of(ErrorCode.ILLEGAL_TRANSITION, ErrorCode.CONCURRENT_MODIFICATION);

    @Inject
    PanacheAgentRepository agents;

    @Inject
    PanacheTransactionRepository transactions;

    @Inject
    PanacheJournalRepository journal;

    @Inject
    PanacheHireStatistics statistics;

    @Inject
    ProviderLoadCounters load;

    @Inject
    SqlAgentSearch search;

    @Inject
    TransactionalUnitOfWork unitOfWork;

    @Inject
    DataSource dataSource;

    private Ledger ledger;

    @BeforeEach
    void registerAgentsWithOutgrownCounts() {
        LedgerTables.empty(dataSource);
        List<AgentId> everyone = new ArrayList<>(BUSY);
        everyone.addAll(PAYERS);
        everyone.addAll(IDLE);
        everyone.forEach(id -> agents.add(LedgerContractData.agent(id.value()).toBuilder()
                .capacityPerHour(1000)
                .lastSeenAt(NOW)
                .build()));
        // Counted when they were made, an hour and a minute ago: by now the window has outgrown them.
        for (AgentId provider : concat(BUSY, IDLE)) {
            unitOfWork.run(() -> load.hired(provider, NOW.minus(Duration.ofMinutes(61)), 3));
        }
        ledger = new Ledger(
                transactions,
                journal,
                agents,
                statistics,
                unitOfWork,
                UUID::randomUUID,
                Clock.fixed(NOW, ZoneOffset.UTC),
                LedgerSettings.DEFAULTS);
    }

    @AfterEach
    void leaveNothingBehind() {
        LedgerTables.empty(dataSource);
    }

    @Test
    void hiresCancelsAndTheSweepLeaveEveryCountExact() throws Exception {
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        List<TransactionId> hired = new CopyOnWriteArrayList<>();
        AtomicLong keys = new AtomicLong();
        AtomicBoolean hiring = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<Integer> sweeper = pool.submit(() -> {
                start.await();
                int recounted = 0;
                while (hiring.get()) {
                    try {
                        // Small steps, so the sweep's locks interleave with the hires' many times.
                        recounted += load.recountOutgrown(windowStart(), 2).recounted();
                    } catch (RuntimeException failure) {
                        unexpected.add(failure);
                    }
                }
                return recounted;
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int op = 0; op < OPERATIONS_PER_THREAD; op++) {
                        try {
                            if (random.nextInt(4) > 0 || hired.isEmpty()) {
                                hired.add(ledger.hire(new HireRequest(
                                                PAYERS.get(random.nextInt(PAYERS.size())),
                                                BUSY.get(random.nextInt(BUSY.size())),
                                                Capability.of("python"),
                                                Money.of("1.00", "USDC"),
                                                "load",
                                                IdempotencyKey.of("load-race-%010d".formatted(keys.incrementAndGet()))))
                                        .transaction()
                                        .id());
                            } else {
                                ledger.cancel(hired.get(random.nextInt(hired.size())), Actor.system("load-race"));
                            }
                        } catch (DomainException refused) {
                            if (!EXPECTED_REFUSALS.contains(refused.code())) {
                                unexpected.add(refused);
                            }
                        } catch (RuntimeException failure) {
                            unexpected.add(failure);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(120, TimeUnit.SECONDS);
            }
            hiring.set(false);
            sweeper.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        // What the schedule's next run would do: whatever the racing sweep skipped, it recounts now.
        while (load.recountOutgrown(windowStart(), 10).mayHaveMore(10)) {}

        assertThat(unexpected).isEmpty();
        Map<String, Long> expected = new HashMap<>();
        for (AgentId provider : concat(BUSY, IDLE)) {
            long hires = statistics.hiresOf(provider, windowStart());
            expected.put(provider.value(), hires);
            assertThat(countedHires(provider))
                    .as("the hires of %s in provider_load", provider)
                    .isEqualTo(hires);
            assertThat(rankingLoad(provider))
                    .as("the ranking rows of %s", provider)
                    .containsExactly(List.of((Object) (int) hires, hires / 1000.0));
        }
        assertThat(expected.get("busy-a") + expected.get("busy-b")).isPositive();
        List<SearchHit> byLoad = search.search(new AgentSearch.Query(
                SearchCriteria.of(Set.of(Capability.of("rust")), EnumSet.of(Availability.ONLINE), SearchSort.LOAD, 50),
                NOW,
                Duration.ofMinutes(5),
                windowStart(),
                3.0,
                50));
        assertThat(byLoad)
                .filteredOn(hit -> expected.containsKey(hit.agent().id().value()))
                .allSatisfy(hit -> assertThat(hit.recentHires())
                        .as(hit.agent().id().value())
                        .isEqualTo(expected.get(hit.agent().id().value())));
        assertThat(byLoad).extracting(SearchHit::load).isSorted();
    }

    private static Instant windowStart() {
        return NOW.minus(DiscoverySettings.LOAD_WINDOW);
    }

    private static List<AgentId> concat(List<AgentId> first, List<AgentId> second) {
        List<AgentId> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    /** The provider's minutes of the window, from provider_load itself. */
    private long countedHires(AgentId provider) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT COALESCE(SUM(hires), 0)"
                        + " FROM provider_load WHERE provider_id = ? AND bucket_start >= ?")) {
            statement.setString(1, provider.value());
            statement.setObject(2, java.time.OffsetDateTime.ofInstant(windowStart(), ZoneOffset.UTC));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** The distinct (recent_hires, load) pairs of the provider's ranking rows: one, if they agree. */
    private List<List<Object>> rankingLoad(AgentId provider) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT DISTINCT recent_hires, load FROM search_ranking WHERE agent_id = ?")) {
            statement.setString(1, provider.value());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(List.of(result.getInt(1), result.getDouble(2)));
                }
            }
        }
        return rows;
    }
}
