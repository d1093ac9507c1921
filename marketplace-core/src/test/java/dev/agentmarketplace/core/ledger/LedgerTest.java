package dev.agentmarketplace.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.RuleViolationException;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.testing.LedgerFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private static final AgentId PAYER = AgentId.of("orchestrator");
    private static final AgentId PROVIDER = AgentId.of("py-expert");

    private LedgerFixture world = new LedgerFixture();

    @BeforeEach
    void registerAgents() {
        world.register(Agents.registration("orchestrator", "planning"));
        world.register(Agents.registration("py-expert", Money.of("1.50", "USDC"), 3, "python"));
        world.register(Agents.registration("bystander", "python"));
    }

    private Transaction hire(String amount) {
        return world.ledger
                .hire(world.request("orchestrator", "py-expert", "python", amount))
                .transaction();
    }

    private static void assertRefused(ThrowingCallable call, Class<? extends DomainException> type, ErrorCode code) {
        assertThatThrownBy(call)
                .isInstanceOf(type)
                .extracting(e -> ((DomainException) e).code())
                .isEqualTo(code);
    }

    private Money balance(Account account) {
        return world.journal.balanceOf(account).getOrDefault(Currency.USDC, Money.zero(Currency.USDC));
    }

    @Test
    void hireCreatesAPendingTransactionAndHoldsTheAmountInEscrow() {
        Transaction tx = hire("2.00");

        assertThat(tx.state()).isEqualTo(TransactionState.PENDING);
        assertThat(tx.createdAt()).isEqualTo(world.clock.instant());
        assertThat(tx.timeline()).singleElement().satisfies(step -> {
            assertThat(step.from()).isEmpty();
            assertThat(step.actor()).isEqualTo(Actor.agent(PAYER));
        });
        assertThat(balance(Account.of(PAYER))).isEqualTo(Money.of("-2.00", "USDC"));
        assertThat(balance(Account.ESCROW)).isEqualTo(Money.of("2.00", "USDC"));
        assertThat(world.journal.entriesOf(tx.id()))
                .singleElement()
                .extracting(JournalEntry::kind)
                .isEqualTo(EntryKind.HOLD);
    }

    @Test
    void sameKeyAndSameRequestReturnsTheOriginalTransaction() {
        HireRequest request = world.request("orchestrator", "py-expert", "python", "2.00");
        HireResult first = world.ledger.hire(request);
        world.clock.advance(Duration.ofMinutes(5));

        HireResult replay = world.ledger.hire(request);

        assertThat(first.created()).isTrue();
        assertThat(replay.created()).isFalse();
        assertThat(replay.transaction()).isEqualTo(first.transaction());
        assertThat(world.journal.entriesAfter(0, 100)).hasSize(1);
    }

    @Test
    void replayAfterSettlementStillReturnsTheOriginalWithItsKey() {
        HireRequest request = world.request("orchestrator", "py-expert", "python", "2.00");
        Transaction tx = world.ledger.hire(request).transaction();
        world.ledger.settle(tx.id(), Actor.agent(PAYER), Optional.of("0xabc"));

        Transaction replayed = world.ledger.hire(request).transaction();

        assertThat(replayed.id()).isEqualTo(tx.id());
        assertThat(replayed.state()).isEqualTo(TransactionState.SETTLED);
        assertThat(replayed.idempotencyKey()).isEqualTo(request.idempotencyKey());
    }

    @Test
    void sameKeyWithADifferentRequestIsAnIdempotencyMismatch() {
        HireRequest request = world.request("orchestrator", "py-expert", "python", "2.00");
        world.ledger.hire(request);
        HireRequest changed = new HireRequest(
                PAYER, PROVIDER, Capability.of("python"), Money.of("3.00", "USDC"), "task", request.idempotencyKey());

        assertRefused(() -> world.ledger.hire(changed), ConflictException.class, ErrorCode.IDEMPOTENCY_MISMATCH);
    }

    @Test
    void idempotencyKeysAreScopedPerPayer() {
        HireRequest mine = world.request("orchestrator", "py-expert", "python", "2.00");
        world.ledger.hire(mine);
        HireRequest theirs = new HireRequest(
                AgentId.of("bystander"),
                PROVIDER,
                Capability.of("python"),
                Money.of("2.00", "USDC"),
                "task",
                mine.idempotencyKey());

        assertThat(world.ledger.hire(theirs).created()).isTrue();
    }

    @Test
    void agentCannotHireItself() {
        assertRefused(
                () -> world.ledger.hire(world.request("py-expert", "py-expert", "python", "2.00")),
                RuleViolationException.class,
                ErrorCode.SELF_HIRE);
    }

    @Test
    void amountMustBeMoreThanZero() {
        assertThatThrownBy(() -> world.request("orchestrator", "py-expert", "python", "0"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("amount: must be more than zero, was 0.000000 USDC");
    }

    @Test
    void unknownProviderOrPayerIsNotFound() {
        assertRefused(
                () -> world.ledger.hire(world.request("orchestrator", "ghost", "python", "2.00")),
                NotFoundException.class,
                ErrorCode.AGENT_NOT_FOUND);
        assertRefused(
                () -> world.ledger.hire(world.request("ghost", "py-expert", "python", "2.00")),
                NotFoundException.class,
                ErrorCode.AGENT_NOT_FOUND);
    }

    @Test
    void deregisteredPayerIsNotFound() {
        store(PAYER, Availability.ONLINE, Optional.of(world.clock.instant()));

        assertRefused(() -> hire("2.00"), NotFoundException.class, ErrorCode.AGENT_NOT_FOUND);
    }

    @Test
    void providerMustOfferTheCapability() {
        assertThatThrownBy(() -> world.ledger.hire(world.request("orchestrator", "py-expert", "rust", "2.00")))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CAPABILITY_NOT_OFFERED);
                    assertThat(e.getMessage()).isEqualTo("provider 'py-expert' does not offer capability 'rust'");
                });
    }

    @Test
    void providerWhoseLeaseLapsedIsUnavailable() {
        world.clock.advance(Duration.ofSeconds(91));

        assertRefused(() -> hire("2.00"), RuleViolationException.class, ErrorCode.PROVIDER_UNAVAILABLE);
    }

    @Test
    void providerInMaintenanceIsUnavailableButBusyMayBeHired() {
        setAvailability(Availability.MAINTENANCE);
        assertRefused(() -> hire("2.00"), RuleViolationException.class, ErrorCode.PROVIDER_UNAVAILABLE);

        setAvailability(Availability.BUSY);
        assertThat(hire("2.00").state()).isEqualTo(TransactionState.PENDING);
    }

    @Test
    void deregisteredProviderIsUnavailable() {
        store(PROVIDER, Availability.ONLINE, Optional.of(world.clock.instant()));

        assertThatThrownBy(() -> hire("2.00")).isInstanceOfSatisfying(RuleViolationException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
            assertThat(e.getMessage()).isEqualTo("provider 'py-expert' is OFFLINE and cannot be hired");
        });
    }

    @Test
    void settlementReferenceIsBounded() {
        Transaction tx = hire("2.00");

        assertThatThrownBy(() -> world.ledger.settle(tx.id(), Actor.agent(PAYER), Optional.of(" ")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("settlementReference: must be 1-256 characters");
    }

    @Test
    void offlineProviderIsUnavailable() {
        setAvailability(Availability.OFFLINE);

        assertRefused(() -> hire("2.00"), RuleViolationException.class, ErrorCode.PROVIDER_UNAVAILABLE);
    }

    @Test
    void amountMustBeInTheProvidersCurrencyAndNotBelowItsPrice() {
        HireRequest euros = new HireRequest(
                PAYER, PROVIDER, Capability.of("python"), Money.of("2.00", "EUR"), "task", world.nextKey());
        assertRefused(() -> world.ledger.hire(euros), RuleViolationException.class, ErrorCode.CURRENCY_MISMATCH);
        assertRefused(() -> hire("1.49"), RuleViolationException.class, ErrorCode.BELOW_LISTED_PRICE);
        assertThat(hire("1.50").amount()).isEqualTo(Money.of("1.50", "USDC"));
    }

    @Test
    void hiresBeyondCapacityInTheRollingHourAreRefusedAndCancelledOnesDoNotCount() {
        hire("2.00");
        hire("2.00");
        Transaction third = hire("2.00");
        assertRefused(() -> hire("2.00"), RuleViolationException.class, ErrorCode.CAPACITY_EXCEEDED);

        world.ledger.cancel(third.id(), Actor.agent(PAYER));
        hire("2.00");
        assertRefused(() -> hire("2.00"), RuleViolationException.class, ErrorCode.CAPACITY_EXCEEDED);

        world.clock.advance(Duration.ofMinutes(61));
        heartbeat();
        assertThat(hire("2.00").state()).isEqualTo(TransactionState.PENDING);
    }

    @Test
    void capacityUseCountsTheRollingHourAsTheCapacityCheckDoes() {
        hire("2.00");
        Transaction second = hire("2.00");
        world.ledger.cancel(second.id(), Actor.agent(PAYER));
        hire("2.00");
        var provider = world.agents.findById(PROVIDER).orElseThrow();

        CapacityUse use = world.ledger.capacityUse(provider);

        assertThat(use.hires()).isEqualTo(2);
        assertThat(use.capacityPerHour()).isEqualTo(3);
        assertThat(use.percent()).isEqualTo(66);
        assertThat(use.isFull()).isFalse();
        assertThat(use.since()).isEqualTo(world.clock.instant().minus(Duration.ofHours(1)));
        hire("2.00");
        assertThat(world.ledger.capacityUse(provider).isFull()).isTrue();
        assertRefused(() -> hire("2.00"), RuleViolationException.class, ErrorCode.CAPACITY_EXCEEDED);

        world.clock.advance(Duration.ofMinutes(61));
        assertThat(world.ledger.capacityUse(provider).hires()).isZero();
    }

    @Test
    void settlementPostsEscrowToTheProviderMinusThePlatformFee() {
        Transaction tx = hire("2.00");
        world.clock.advance(Duration.ofMinutes(1));

        Transaction settled = world.ledger.settle(tx.id(), Actor.agent(PAYER), Optional.of("0xfeed"));

        assertThat(settled.state()).isEqualTo(TransactionState.SETTLED);
        assertThat(settled.settlementReference()).contains("0xfeed");
        assertThat(settled.timeline().getLast()).satisfies(step -> {
            assertThat(step.from()).contains(TransactionState.PENDING);
            assertThat(step.to()).isEqualTo(TransactionState.SETTLED);
            assertThat(step.actor()).isEqualTo(Actor.agent(PAYER));
            assertThat(step.at()).isEqualTo(world.clock.instant());
        });
        // 250 bps of 2.00 is 0.05.
        assertThat(balance(Account.ESCROW)).isEqualTo(Money.of("0", "USDC"));
        assertThat(balance(Account.of(PROVIDER))).isEqualTo(Money.of("1.95", "USDC"));
        assertThat(balance(Account.PLATFORM_FEES)).isEqualTo(Money.of("0.05", "USDC"));
        assertThat(balance(Account.of(PAYER))).isEqualTo(Money.of("-2.00", "USDC"));
    }

    @Test
    void feeIsRoundedDownAndConfigurable() {
        world = new LedgerFixture(LedgerSettings.DEFAULTS.withFeeBasisPoints(333));
        registerAgents();
        Transaction tx = hire("1.50");

        world.ledger.settle(tx.id(), Actor.operator("ops"), Optional.empty());

        // 1.50 × 3.33 % = 0.04995, rounded down to 0.049950 at USDC's scale of 6.
        assertThat(balance(Account.PLATFORM_FEES)).isEqualTo(Money.of("0.04995", "USDC"));
        assertThat(balance(Account.of(PROVIDER))).isEqualTo(Money.of("1.45005", "USDC"));
    }

    @Test
    void onlyThePayerOrAnOperatorMaySettleOrCancel() {
        Transaction tx = hire("2.00");

        assertThatThrownBy(() -> world.ledger.settle(tx.id(), Actor.agent(PROVIDER), Optional.empty()))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_PARTY);
                    assertThat(e.getMessage())
                            .contains("only the payer 'orchestrator'")
                            .contains("settle");
                });
        assertRefused(
                () -> world.ledger.cancel(tx.id(), Actor.agent(AgentId.of("bystander"))),
                RuleViolationException.class,
                ErrorCode.NOT_A_PARTY);
        assertThat(world.ledger.cancel(tx.id(), Actor.operator("ops")).state()).isEqualTo(TransactionState.CANCELLED);
    }

    @Test
    void cancelVoidsTheHold() {
        Transaction tx = hire("2.00");

        Transaction cancelled = world.ledger.cancel(tx.id(), Actor.agent(PAYER));

        assertThat(cancelled.state()).isEqualTo(TransactionState.CANCELLED);
        assertThat(balance(Account.of(PAYER))).isEqualTo(Money.of("0", "USDC"));
        assertThat(balance(Account.ESCROW)).isEqualTo(Money.of("0", "USDC"));
        assertThat(world.journal.entriesOf(tx.id()))
                .extracting(JournalEntry::kind)
                .containsExactly(EntryKind.HOLD, EntryKind.VOID);
    }

    @Test
    void illegalMoveNamesTheCurrentStateAndTheMove() {
        Transaction tx = hire("2.00");
        world.ledger.cancel(tx.id(), Actor.agent(PAYER));

        assertThatThrownBy(() -> world.ledger.settle(tx.id(), Actor.agent(PAYER), Optional.empty()))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION);
                    assertThat(e.getMessage())
                            .isEqualTo("cannot settle transaction '" + tx.id() + "': it is CANCELLED");
                });
    }

    @Test
    void unknownTransactionIsNotFound() {
        assertRefused(
                () -> world.ledger.cancel(
                        TransactionId.of("00000000-0000-4000-8000-0000000000ff"), Actor.operator("o")),
                NotFoundException.class,
                ErrorCode.TRANSACTION_NOT_FOUND);
    }

    @Test
    void holdsOlderThanTheTimeoutExpireAsTheSystem() {
        Transaction old = hire("2.00");
        world.clock.advance(Duration.ofMinutes(10));
        heartbeat();
        Transaction young = hire("2.00");
        Transaction settled = hire("2.00");
        world.ledger.settle(settled.id(), Actor.agent(PAYER), Optional.empty());
        world.clock.advance(Duration.ofMinutes(6));

        var expired = world.ledger.expireHolds(world.clock.instant());

        assertThat(expired).containsExactly(old.id());
        Transaction after = world.transactions.findById(old.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(TransactionState.CANCELLED);
        assertThat(after.timeline().getLast().actor()).isEqualTo(Actor.system("hold-timeout"));
        assertThat(world.journal.entriesOf(old.id()))
                .extracting(JournalEntry::kind)
                .containsExactly(EntryKind.HOLD, EntryKind.EXPIRE);
        assertThat(world.transactions.findById(young.id()).orElseThrow().state())
                .isEqualTo(TransactionState.PENDING);
    }

    @Test
    void expiryThatAnotherReplicaWonIsSkipped() {
        Transaction contested = hire("2.00");
        Transaction free = hire("2.00");
        world.clock.advance(Duration.ofMinutes(16));
        Ledger replica = new Ledger(
                new LosesRaceFor(world.transactions, contested.id()),
                world.journal,
                world.agents,
                world.statistics,
                world.unitOfWork,
                world.ids,
                world.clock,
                LedgerSettings.DEFAULTS);

        assertThat(replica.expireHolds(world.clock.instant())).containsExactly(free.id());
        assertThat(world.transactions.findById(contested.id()).orElseThrow().state())
                .isEqualTo(TransactionState.PENDING);
        assertThat(world.verifier.verify()).isEqualTo(new ChainVerification.Intact(3));
    }

    /** A repository whose updates of one transaction fail as if another replica had changed it first. */
    private record LosesRaceFor(TransactionRepository stored, TransactionId contested)
            implements TransactionRepository {
        @Override
        public Optional<Transaction> findById(TransactionId id) {
            return stored.findById(id);
        }

        @Override
        public Optional<Transaction> findByIdempotencyKey(AgentId payer, IdempotencyKey key) {
            return stored.findByIdempotencyKey(payer, key);
        }

        @Override
        public void add(Transaction transaction) {
            stored.add(transaction);
        }

        @Override
        public Transaction update(Transaction transaction) {
            if (transaction.id().equals(contested)) {
                throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "changed by another replica");
            }
            return stored.update(transaction);
        }

        @Override
        public List<Transaction> history(TransactionFilter filter, Optional<HistoryCursor> after, int limit) {
            return stored.history(filter, after, limit);
        }

        @Override
        public List<Transaction> recent(TransactionFilter filter, Optional<HistoryCursor> before, int limit) {
            return stored.recent(filter, before, limit);
        }
    }

    @Test
    void failedCommandLeavesNothingBehind() {
        Transaction tx = hire("2.00");
        world.ledger.cancel(tx.id(), Actor.agent(PAYER));
        long entries = world.journal.entriesAfter(0, 100).size();

        assertRefused(
                () -> world.ledger.cancel(tx.id(), Actor.agent(PAYER)),
                ConflictException.class,
                ErrorCode.ILLEGAL_TRANSITION);

        assertThat(world.journal.entriesAfter(0, 100)).hasSize((int) entries);
        assertThat(world.transactions.findById(tx.id()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void everyEntryBalancesAndTheChainVerifies() {
        Transaction a = hire("2.00");
        Transaction b = hire("3.00");
        world.ledger.settle(a.id(), Actor.agent(PAYER), Optional.empty());
        world.ledger.cancel(b.id(), Actor.agent(PAYER));

        assertThat(world.journal.entriesAfter(0, 100))
                .allSatisfy(entry -> assertThat(entry.totals().values()).allMatch(Money::isZero));
        assertThat(world.verifier.verify()).isEqualTo(new ChainVerification.Intact(4));
    }

    private void setAvailability(Availability availability) {
        store(PROVIDER, availability, Optional.empty());
    }

    /** Stores the agent with this availability, a fresh heartbeat and, when given, a deregistration. */
    private void store(AgentId id, Availability availability, Optional<Instant> deregisteredAt) {
        Agent agent = world.agents.findById(id).orElseThrow();
        world.agents.update(agent.toBuilder()
                .availability(availability)
                .lastSeenAt(world.clock.instant())
                .deregisteredAt(deregisteredAt)
                .build());
    }

    private void heartbeat() {
        var agent = world.agents.findById(PROVIDER).orElseThrow();
        setAvailability(agent.availability());
    }
}
