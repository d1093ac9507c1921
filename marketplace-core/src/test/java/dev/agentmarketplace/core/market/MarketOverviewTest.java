package dev.agentmarketplace.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.LedgerEvents;
import dev.agentmarketplace.core.ledger.LedgerSettings;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.testing.InMemoryAgentCensus;
import dev.agentmarketplace.core.testing.InMemoryAgentRepository;
import dev.agentmarketplace.core.testing.InMemoryHireStatistics;
import dev.agentmarketplace.core.testing.InMemoryJournalRepository;
import dev.agentmarketplace.core.testing.InMemoryMarketActivity;
import dev.agentmarketplace.core.testing.InMemoryTransactionRepository;
import dev.agentmarketplace.core.testing.InMemoryUnitOfWork;
import dev.agentmarketplace.core.testing.LedgerContractData;
import dev.agentmarketplace.core.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MarketOverviewTest {
    private static final Instant NOW = Instant.parse("2026-11-26T08:30:00Z");
    private static final Instant HOUR = Instant.parse("2026-11-26T08:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository(unitOfWork);
    private final InMemoryTransactionRepository transactions = new InMemoryTransactionRepository(unitOfWork);
    private final InMemoryJournalRepository journal = new InMemoryJournalRepository(unitOfWork);
    private final Ledger ledger = new Ledger(
            transactions,
            journal,
            agents,
            new InMemoryHireStatistics(transactions),
            unitOfWork,
            UUID::randomUUID,
            clock,
            new LedgerSettings(250, Duration.ofDays(7), Duration.ofDays(3650), Duration.ofDays(3650)),
            LedgerEvents.NONE,
            transaction -> false);
    private final MarketOverview overview = new MarketOverview(
            new InMemoryMarketActivity(transactions, journal),
            new InMemoryAgentCensus(agents),
            clock,
            OverviewSettings.DEFAULTS);
    private final AtomicLong keys = new AtomicLong();

    private void registerAgents() {
        unitOfWork.run(() -> {
            List.of("alice", "bob", "carol")
                    .forEach(id -> agents.add(LedgerContractData.agent(id).toBuilder()
                            .lastSeenAt(NOW)
                            .build()));
            agents.add(LedgerContractData.agent("euro").toBuilder()
                    .price(Money.of("1.00", "EURC"))
                    .lastSeenAt(NOW.minus(Duration.ofMinutes(5)))
                    .build());
        });
    }

    private TransactionId hire(Instant at, String provider, String capability, String amount) {
        clock.set(at);
        String currency = provider.equals("euro") ? "EURC" : "USDC";
        TransactionId id = ledger.hire(new HireRequest(
                        AgentId.of("alice"),
                        AgentId.of(provider),
                        Capability.of(capability),
                        Money.of(amount, currency),
                        "task",
                        IdempotencyKey.of("overview-key-%08d".formatted(keys.incrementAndGet()))))
                .transaction()
                .id();
        clock.set(NOW);
        return id;
    }

    private void settle(TransactionId id) {
        ledger.settle(id, Actor.operator("ops"), Optional.empty());
    }

    private static Money usdc(String amount) {
        return Money.of(amount, "USDC");
    }

    @Test
    void anEmptyMarketShowsZerosAndNoRates() {
        MarketSnapshot snapshot = overview.snapshot();

        assertThat(snapshot.agents()).isEqualTo(new AgentCounts(0, 0));
        assertThat(snapshot.hiresLastHour()).isZero();
        assertThat(snapshot.volume()).isEmpty();
        assertThat(snapshot.volumeAllTime()).isEmpty();
        assertThat(snapshot.settlementRate().percent()).isEmpty();
        assertThat(snapshot.disputeRate().percent()).isEmpty();
        assertThat(snapshot.feeRevenue()).isEmpty();
        assertThat(snapshot.feeRevenueAllTime()).isEmpty();
        assertThat(snapshot.series()).hasSize(24).allSatisfy(point -> {
            assertThat(point.hires()).isZero();
            assertThat(point.volume()).isEmpty();
        });
        assertThat(snapshot.transactionsByState()).containsOnlyKeys(TransactionState.values());
        assertThat(snapshot.transactionsByState().values()).containsOnly(0L);
        assertThat(snapshot.transactions()).isZero();
        assertThat(snapshot.topCapabilities()).isEmpty();
        assertThat(snapshot.seriesCurrencies()).isEmpty();
    }

    @Test
    void theWindowIsTheTwentyFourWholeHoursEndingWithTheCurrentOne() {
        MarketSnapshot snapshot = overview.snapshot();

        assertThat(snapshot.at()).isEqualTo(NOW);
        assertThat(snapshot.windowEnd()).isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
        assertThat(snapshot.windowStart()).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
        assertThat(snapshot.series().getFirst().hour()).isEqualTo(snapshot.windowStart());
        assertThat(snapshot.series().getLast().hour()).isEqualTo(HOUR);
    }

    @Test
    void agentsOnlineAreThoseDeclaredOnlineWithinTheHeartbeatLease() {
        registerAgents();

        // euro's last heartbeat is 5 minutes old, past the 90-second lease.
        assertThat(overview.snapshot().agents()).isEqualTo(new AgentCounts(4, 3));
    }

    @Test
    void hiresPerHourCountsEveryHireOfTheLastSixtyMinutes() {
        registerAgents();
        hire(NOW.minus(Duration.ofMinutes(61)), "bob", "python", "1.00");
        hire(NOW.minus(Duration.ofMinutes(60)), "bob", "python", "1.00");
        ledger.cancel(hire(NOW.minus(Duration.ofMinutes(10)), "bob", "python", "1.00"), Actor.operator("ops"));

        assertThat(overview.snapshot().hiresLastHour()).isEqualTo(2);
    }

    @Test
    void volumeCountsTheWindowsHiresThatWereNotCancelledPerCurrency() {
        registerAgents();
        hire(NOW.minus(Duration.ofHours(25)), "bob", "python", "100.00"); // before the window
        hire(Instant.parse("2026-11-25T09:00:00Z"), "bob", "python", "2.00"); // its first instant
        ledger.cancel(hire(NOW.minusSeconds(60), "bob", "python", "50.00"), Actor.operator("ops"));
        settle(hire(NOW.minusSeconds(30), "carol", "rust", "3.00"));
        hire(NOW.minusSeconds(20), "euro", "python", "7.00");

        MarketSnapshot snapshot = overview.snapshot();

        assertThat(snapshot.volume())
                .isEqualTo(Map.of(Currency.USDC, usdc("5.00"), Currency.of("EURC"), Money.of("7.00", "EURC")));
        assertThat(snapshot.volumeAllTime())
                .isEqualTo(Map.of(Currency.USDC, usdc("105.00"), Currency.of("EURC"), Money.of("7.00", "EURC")));
        assertThat(snapshot.volume().keySet()).extracting(Currency::code).containsExactly("EURC", "USDC");
    }

    @Test
    void ratesAreSharesOfTheWindowsHiresThatLeftPending() {
        registerAgents();
        hire(NOW.minusSeconds(100), "bob", "python", "1.00"); // still pending: not counted
        settle(hire(NOW.minusSeconds(90), "bob", "python", "1.00"));
        settle(hire(NOW.minusSeconds(80), "bob", "python", "1.00"));
        TransactionId disputed = hire(NOW.minusSeconds(70), "bob", "python", "1.00");
        settle(disputed);
        ledger.markDisputed(disputed, AgentId.of("alice"), "bad", NOW);
        TransactionId resolved = hire(NOW.minusSeconds(65), "bob", "python", "1.00");
        ledger.markDisputed(resolved, AgentId.of("alice"), "bad", NOW);
        ledger.resolveDispute(resolved, new DisputeOutcome.FullRefund(), Actor.operator("ops"), "refund", NOW);
        ledger.cancel(hire(NOW.minusSeconds(60), "bob", "python", "1.00"), Actor.operator("ops"));
        settle(hire(NOW.minus(Duration.ofDays(2)), "bob", "python", "1.00")); // outside the window

        MarketSnapshot snapshot = overview.snapshot();

        assertThat(snapshot.settlementRate()).isEqualTo(new Rate(2, 5));
        assertThat(snapshot.disputeRate()).isEqualTo(new Rate(2, 5));
        assertThat(snapshot.settlementRate().percent()).contains(new BigDecimal("40.0"));
        assertThat(snapshot.transactionsByState())
                .containsEntry(TransactionState.PENDING, 1L)
                .containsEntry(TransactionState.SETTLED, 3L)
                .containsEntry(TransactionState.DISPUTED, 1L)
                .containsEntry(TransactionState.RESOLVED, 1L)
                .containsEntry(TransactionState.CANCELLED, 1L);
        assertThat(snapshot.transactions()).isEqualTo(7);
    }

    @Test
    void feeRevenueIsTheFeeAccountsGainInTheWindowAndItsBalance() {
        registerAgents();
        TransactionId old = hire(NOW.minus(Duration.ofDays(2)), "bob", "python", "40.00");
        clock.set(NOW.minus(Duration.ofDays(2)));
        settle(old); // fee 1.00, before the window
        clock.set(NOW);
        settle(hire(NOW.minusSeconds(60), "bob", "python", "8.00")); // fee 0.20
        TransactionId refunded = hire(NOW.minusSeconds(50), "bob", "python", "4.00");
        settle(refunded); // fee 0.10
        ledger.markDisputed(refunded, AgentId.of("alice"), "bad", NOW);
        ledger.resolveDispute(refunded, new DisputeOutcome.FullRefund(), Actor.operator("ops"), "refund", NOW);

        MarketSnapshot snapshot = overview.snapshot();

        assertThat(snapshot.feeRevenue()).isEqualTo(Map.of(Currency.USDC, usdc("0.20")));
        assertThat(snapshot.feeRevenueAllTime()).isEqualTo(Map.of(Currency.USDC, usdc("1.20")));
    }

    @Test
    void theSeriesHasEveryHourWithItsHiresAndItsVolumePerCurrency() {
        registerAgents();
        hire(HOUR.minus(Duration.ofHours(3)).plusSeconds(5), "bob", "python", "2.00");
        ledger.cancel(
                hire(HOUR.minus(Duration.ofHours(3)).plusSeconds(6), "bob", "python", "9.00"), Actor.operator("ops"));
        hire(HOUR.plusSeconds(5), "euro", "python", "3.00");

        List<HourPoint> series = overview.snapshot().series();

        HourPoint threeHoursAgo = series.get(20);
        assertThat(threeHoursAgo.hour()).isEqualTo(HOUR.minus(Duration.ofHours(3)));
        assertThat(threeHoursAgo.hires()).isEqualTo(2);
        assertThat(threeHoursAgo.volume()).isEqualTo(Map.of(Currency.USDC, usdc("2.00")));
        assertThat(threeHoursAgo.volumeIn(Currency.of("EURC"))).isEqualTo(Money.of("0", "EURC"));
        assertThat(series.get(23).volume()).isEqualTo(Map.of(Currency.of("EURC"), Money.of("3.00", "EURC")));
        assertThat(series.get(21).hires()).isZero();
        assertThat(overview.snapshot().seriesCurrencies())
                .extracting(Currency::code)
                .containsExactly("EURC", "USDC");
    }

    @Test
    void topCapabilitiesAreLimitedByTheSettings() {
        registerAgents();
        hire(NOW.minusSeconds(10), "bob", "python", "1.00");
        hire(NOW.minusSeconds(9), "bob", "python", "1.00");
        hire(NOW.minusSeconds(8), "bob", "rust", "1.00");
        MarketOverview topOne = new MarketOverview(
                new InMemoryMarketActivity(transactions, journal),
                new InMemoryAgentCensus(agents),
                clock,
                new OverviewSettings(
                        Duration.ofSeconds(90),
                        1,
                        OverviewSettings.DEFAULTS.pageStep(),
                        OverviewSettings.DEFAULTS.refreshStep(),
                        10));

        assertThat(topOne.snapshot().topCapabilities())
                .containsExactly(new CapabilityDemand(Capability.of("python"), 2));
    }

    @Test
    void aSnapshotFirstCatchesUpOneSmallStep() {
        ScriptedActivity activity = new ScriptedActivity(new CatchUp(true, 1, 0, false));
        new MarketOverview(activity, new InMemoryAgentCensus(agents), clock, OverviewSettings.DEFAULTS).snapshot();

        assertThat(activity.calls).containsExactly(OverviewSettings.DEFAULTS.pageStep());
    }

    @Test
    void aRefreshTakesStepsUntilCaughtUp() {
        ScriptedActivity activity = new ScriptedActivity(
                new CatchUp(true, 48, 50_000, false),
                new CatchUp(true, 10, 7, false),
                new CatchUp(true, 0, 0, true),
                new CatchUp(true, 99, 99, true));

        CatchUp done = new MarketOverview(activity, new InMemoryAgentCensus(agents), clock, OverviewSettings.DEFAULTS)
                .refresh();

        assertThat(done).isEqualTo(new CatchUp(true, 58, 50_007, true));
        assertThat(activity.calls).hasSize(3).containsOnly(OverviewSettings.DEFAULTS.refreshStep());
    }

    @Test
    void aRefreshLeavesTheRestToTheReplicaAlreadyCatchingUp() {
        ScriptedActivity activity = new ScriptedActivity(CatchUp.SKIPPED, new CatchUp(true, 1, 1, true));

        CatchUp done = new MarketOverview(activity, new InMemoryAgentCensus(agents), clock, OverviewSettings.DEFAULTS)
                .refresh();

        assertThat(done).isEqualTo(CatchUp.SKIPPED);
        assertThat(activity.calls).hasSize(1);
    }

    @Test
    void aRefreshStopsAfterItsMaximumSteps() {
        ScriptedActivity activity = new ScriptedActivity(
                new CatchUp(true, 1, 0, false), new CatchUp(true, 1, 0, false), new CatchUp(true, 1, 0, false));
        OverviewSettings twoSteps = new OverviewSettings(
                Duration.ofSeconds(90),
                10,
                OverviewSettings.DEFAULTS.pageStep(),
                OverviewSettings.DEFAULTS.refreshStep(),
                2);

        CatchUp done = new MarketOverview(activity, new InMemoryAgentCensus(agents), clock, twoSteps).refresh();

        assertThat(done).isEqualTo(new CatchUp(true, 2, 0, false));
        assertThat(activity.calls).hasSize(2);
    }

    @Test
    void aRateIsAPercentWithOneDecimalAndNoneOfNothing() {
        assertThat(new Rate(1, 3).percent()).contains(new BigDecimal("33.3"));
        assertThat(new Rate(2, 3).percent()).contains(new BigDecimal("66.7"));
        assertThat(new Rate(0, 0).percent()).isEmpty();
        assertThatThrownBy(() -> new Rate(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rate(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hourlyBucketsStartOnTheHour() {
        assertThatThrownBy(() -> new HourlyFees(NOW, usdc("1.00")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts on the hour");
        assertThat(MarketHours.hourOf(NOW)).isEqualTo(HOUR);
    }

    /** Answers catch-ups from a script and records the limits it was given; reads find nothing. */
    private static final class ScriptedActivity implements MarketActivity {
        private final Deque<CatchUp> script;
        final List<CatchUpLimits> calls = new ArrayList<>();

        ScriptedActivity(CatchUp... steps) {
            this.script = new ArrayDeque<>(List.of(steps));
        }

        @Override
        public CatchUp catchUp(Instant now, CatchUpLimits limits) {
            calls.add(limits);
            return script.isEmpty() ? new CatchUp(true, 0, 0, true) : script.pop();
        }

        @Override
        public List<HourlyActivity> hours(Instant fromHour, Instant toHour) {
            return List.of();
        }

        @Override
        public List<StateTotal> totals() {
            return List.of();
        }

        @Override
        public List<CapabilityDemand> topCapabilities(Instant fromHour, Instant toHour, int limit) {
            return List.of();
        }

        @Override
        public List<HourlyFees> fees(Instant fromHour, Instant toHour) {
            return List.of();
        }

        @Override
        public Map<Currency, Money> feeBalance() {
            return Map.of();
        }

        @Override
        public long hiresSince(Instant since) {
            return 0;
        }
    }
}
