package dev.agentmarketplace.core.testing;

import static dev.agentmarketplace.core.testing.LedgerContractData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.HireStatistics;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.JournalRepository;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.LedgerEvents;
import dev.agentmarketplace.core.ledger.LedgerSettings;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.market.AgentCensus;
import dev.agentmarketplace.core.market.AgentCounts;
import dev.agentmarketplace.core.market.CapabilityDemand;
import dev.agentmarketplace.core.market.CatchUp;
import dev.agentmarketplace.core.market.CatchUpLimits;
import dev.agentmarketplace.core.market.HourlyActivity;
import dev.agentmarketplace.core.market.HourlyFees;
import dev.agentmarketplace.core.market.MarketActivity;
import dev.agentmarketplace.core.market.StateTotal;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MarketActivity} and {@link AgentCensus} adapter must answer about a ledger moved
 * through a real {@link Ledger} over the adapter's own repositories. Subclasses return fresh, empty
 * adapters sharing one unit of work; reads follow a full catch-up, as the overview's refresh does.
 */
public abstract class MarketActivityContract {
    protected abstract UnitOfWork unitOfWork();

    protected abstract AgentRepository agents();

    protected abstract TransactionRepository transactions();

    protected abstract JournalRepository journal();

    protected abstract HireStatistics statistics();

    protected abstract MarketActivity activity();

    protected abstract AgentCensus census();

    protected static final Instant H8 = T0; // 08:00
    protected static final Instant H9 = T0.plus(Duration.ofHours(1));
    protected static final Instant H10 = T0.plus(Duration.ofHours(2));
    protected static final Currency USDC = Currency.USDC;
    protected static final Currency EURC = Currency.of("EURC");
    protected static final CatchUpLimits LIMITS = new CatchUpLimits(Duration.ofMinutes(2), 48, 10_000);

    protected final MutableClock clock = new MutableClock(T0);
    protected Ledger ledger;
    private final AtomicLong keys = new AtomicLong();

    @BeforeEach
    void registerAgentsAndBuildLedger() {
        unitOfWork().run(() -> {
            List.of("alice", "bob", "carol").forEach(id -> agents().add(LedgerContractData.agent(id)));
            agents().add(LedgerContractData.agent("euro").toBuilder()
                    .price(Money.of("1.00", "EURC"))
                    .build());
        });
        // A long hold and lease: the clock jumps hours and days ahead, and the holds must stay
        // settleable and the providers hireable.
        LedgerSettings settings = new LedgerSettings(
                250, LedgerSettings.DEFAULTS.disputeWindow(), Duration.ofDays(3650), Duration.ofDays(3650));
        ledger = new Ledger(
                transactions(),
                journal(),
                agents(),
                statistics(),
                unitOfWork(),
                UUID::randomUUID,
                clock,
                settings,
                LedgerEvents.NONE,
                transaction -> false);
    }

    /** A hire at {@code at}: the clock is set there first. */
    protected TransactionId hire(Instant at, String payer, String provider, String capability, String amount) {
        clock.set(at);
        String currency = provider.equals("euro") ? "EURC" : "USDC";
        return ledger.hire(new HireRequest(
                        AgentId.of(payer),
                        AgentId.of(provider),
                        Capability.of(capability),
                        Money.of(amount, currency),
                        "contract",
                        IdempotencyKey.of("market-key-%08d".formatted(keys.incrementAndGet()))))
                .transaction()
                .id();
    }

    protected void settle(Instant at, TransactionId id) {
        clock.set(at);
        ledger.settle(id, Actor.operator("ops"), Optional.of("ref"));
    }

    protected void cancel(Instant at, TransactionId id) {
        clock.set(at);
        ledger.cancel(id, Actor.operator("ops"));
    }

    /** Catches up step after step until the adapter says nothing is left, as the scheduled refresh does. */
    protected void catchUp() {
        for (int step = 0; step < 1000; step++) {
            CatchUp done = activity().catchUp(clock.instant(), LIMITS);
            if (done.caughtUp()) {
                return;
            }
        }
        throw new AssertionError("the rollups never caught up");
    }

    private static Money usdc(String amount) {
        return Money.of(amount, "USDC");
    }

    @Test
    void anEmptyMarketHasNoActivity() {
        catchUp();

        assertThat(activity().hours(H8.minus(Duration.ofDays(1)), H10)).isEmpty();
        assertThat(activity().totals()).isEmpty();
        assertThat(activity().topCapabilities(H8, H10, 10)).isEmpty();
        assertThat(activity().fees(H8, H10)).isEmpty();
        assertThat(activity().feeBalance()).isEmpty();
        assertThat(activity().hiresSince(H8.minus(Duration.ofDays(1)))).isZero();
    }

    @Test
    void aHireCountsInTheHourItWasCreatedUnderItsCurrentStateAndCurrency() {
        hire(H8.plusSeconds(600), "alice", "bob", "python", "2.00");
        TransactionId settled = hire(H8.plusSeconds(1200), "alice", "bob", "rust", "3.00");
        settle(H9.plusSeconds(60), settled);
        TransactionId cancelled = hire(H9.plusSeconds(300), "carol", "bob", "python", "1.50");
        cancel(H9.plusSeconds(360), cancelled);
        hire(H9.plusSeconds(400), "alice", "euro", "python", "4.00");
        catchUp();

        assertThat(activity().hours(H8, H10))
                .containsExactlyInAnyOrder(
                        new HourlyActivity(H8, TransactionState.PENDING, 1, usdc("2.00")),
                        new HourlyActivity(H8, TransactionState.SETTLED, 1, usdc("3.00")),
                        new HourlyActivity(H9, TransactionState.CANCELLED, 1, usdc("1.50")),
                        new HourlyActivity(H9, TransactionState.PENDING, 1, Money.of("4.00", "EURC")));
        assertThat(activity().hours(H9, H10)).hasSize(2);
        assertThat(activity().totals())
                .containsExactlyInAnyOrder(
                        new StateTotal(TransactionState.PENDING, 1, usdc("2.00")),
                        new StateTotal(TransactionState.SETTLED, 1, usdc("3.00")),
                        new StateTotal(TransactionState.CANCELLED, 1, usdc("1.50")),
                        new StateTotal(TransactionState.PENDING, 1, Money.of("4.00", "EURC")));
    }

    @Test
    void aDisputeDaysAfterTheHireMovesItsCountWithinItsCreationHour() {
        TransactionId id = hire(H8.plusSeconds(600), "alice", "bob", "python", "10.00");
        settle(H8.plusSeconds(1200), id);
        catchUp();
        assertThat(activity().hours(H8, H9))
                .containsExactly(new HourlyActivity(H8, TransactionState.SETTLED, 1, usdc("10.00")));

        Instant disputedAt = H8.plus(Duration.ofDays(3));
        clock.set(disputedAt);
        ledger.markDisputed(id, AgentId.of("alice"), "late work", disputedAt);
        catchUp();
        assertThat(activity().hours(H8, H9))
                .containsExactly(new HourlyActivity(H8, TransactionState.DISPUTED, 1, usdc("10.00")));

        Instant resolvedAt = disputedAt.plus(Duration.ofDays(2));
        clock.set(resolvedAt);
        ledger.resolveDispute(
                id, new DisputeOutcome.PartialRefund(usdc("4.00")), Actor.operator("ops"), "half done", resolvedAt);
        catchUp();
        assertThat(activity().hours(H8, H9))
                .containsExactly(new HourlyActivity(H8, TransactionState.RESOLVED, 1, usdc("10.00")));
        assertThat(activity().totals()).containsExactly(new StateTotal(TransactionState.RESOLVED, 1, usdc("10.00")));
        // The fee of 10.00 at 250 bps was 0.25; refunding 4.00 gives back 0.10 of it, in the refund's hour.
        assertThat(activity().feeBalance()).isEqualTo(Map.of(USDC, usdc("0.15")));
        Instant refundHour = resolvedAt.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        assertThat(activity().fees(refundHour, refundHour.plus(Duration.ofHours(1))))
                .containsExactly(new HourlyFees(refundHour, usdc("-0.10")));
    }

    @Test
    void feesFollowThePlatformFeeAccountHourByHour() {
        settle(H8.plusSeconds(120), hire(H8.plusSeconds(60), "alice", "bob", "python", "4.00"));
        settle(H9.plusSeconds(120), hire(H8.plusSeconds(300), "carol", "bob", "python", "8.00"));
        settle(H9.plusSeconds(180), hire(H9.plusSeconds(150), "alice", "euro", "python", "2.00"));
        catchUp();

        assertThat(activity().fees(H8, H10))
                .containsExactlyInAnyOrder(
                        new HourlyFees(H8, usdc("0.10")),
                        new HourlyFees(H9, usdc("0.20")),
                        new HourlyFees(H9, Money.of("0.05", "EURC")));
        assertThat(activity().fees(H9, H10)).hasSize(2);
        assertThat(activity().feeBalance()).isEqualTo(journal().balanceOf(Account.PLATFORM_FEES));
        assertThat(activity().feeBalance()).isEqualTo(Map.of(USDC, usdc("0.30"), EURC, Money.of("0.05", "EURC")));
    }

    @Test
    void catchingUpAgainCountsNothingTwice() {
        settle(H8.plusSeconds(120), hire(H8.plusSeconds(60), "alice", "bob", "python", "4.00"));
        catchUp();
        List<StateTotal> totals = activity().totals();
        Map<Currency, Money> fees = activity().feeBalance();

        clock.set(H8.plusSeconds(130));
        catchUp();
        catchUp();

        assertThat(activity().totals()).isEqualTo(totals);
        assertThat(activity().feeBalance()).isEqualTo(fees).isEqualTo(Map.of(USDC, usdc("0.10")));
        assertThat(activity().hours(H8, H9))
                .containsExactly(new HourlyActivity(H8, TransactionState.SETTLED, 1, usdc("4.00")));
    }

    @Test
    void topCapabilitiesRankByHiresInTheWindowThenByName() {
        hire(H8.plusSeconds(10), "alice", "bob", "rust", "1.00");
        hire(H9.plusSeconds(10), "alice", "bob", "rust", "1.00");
        hire(H9.plusSeconds(20), "carol", "bob", "python", "1.00");
        // Demand counts a hire whatever became of it.
        cancel(H9.plusSeconds(30), hire(H9.plusSeconds(25), "carol", "bob", "python", "1.00"));
        catchUp();

        assertThat(activity().topCapabilities(H9, H10, 10))
                .containsExactly(
                        new CapabilityDemand(Capability.of("python"), 2),
                        new CapabilityDemand(Capability.of("rust"), 1));
        assertThat(activity().topCapabilities(H8, H10, 10))
                .containsExactly(
                        new CapabilityDemand(Capability.of("python"), 2),
                        new CapabilityDemand(Capability.of("rust"), 2));
        assertThat(activity().topCapabilities(H8, H10, 1))
                .containsExactly(new CapabilityDemand(Capability.of("python"), 2));
    }

    @Test
    void hiresSinceCountsEveryHireCreatedFromThatInstant() {
        hire(H8.plusSeconds(10), "alice", "bob", "python", "1.00");
        cancel(H8.plusSeconds(30), hire(H8.plusSeconds(20), "alice", "bob", "python", "1.00"));
        hire(H8.plusSeconds(40), "carol", "bob", "python", "1.00");

        assertThat(activity().hiresSince(H8.plusSeconds(20))).isEqualTo(2);
        assertThat(activity().hiresSince(H8.plusSeconds(41))).isZero();
        assertThat(activity().hiresSince(H8)).isEqualTo(3);
    }

    @Test
    void theCensusCountsRegisteredAgentsAndThoseOnlineWithinTheLease() {
        unitOfWork().run(() -> {
            agents().add(LedgerContractData.agent("busy").toBuilder()
                    .availability(Availability.BUSY)
                    .build());
            agents().add(LedgerContractData.agent("stale").toBuilder()
                    .lastSeenAt(T0.minusSeconds(91))
                    .build());
            agents().add(LedgerContractData.agent("gone").toBuilder()
                    .deregisteredAt(Optional.of(T0))
                    .build());
        });

        // alice, bob, carol and euro were seen at T0; stale 91 s before; gone is deregistered.
        assertThat(census().count(T0.minusSeconds(90))).isEqualTo(new AgentCounts(6, 4));
        assertThat(census().count(T0.minusSeconds(91))).isEqualTo(new AgentCounts(6, 5));
        assertThat(census().count(T0.plusSeconds(1))).isEqualTo(new AgentCounts(6, 0));
    }
}
