package dev.agentmarketplace.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.EntryKind;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.JournalEntry;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.testing.Concurrently;
import dev.agentmarketplace.core.testing.LedgerFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SettlementOutboxTest {
    private static final Caller OPERATOR = Caller.staff("ops-1", Role.OPERATOR);
    private static final AgentId PAYER = AgentId.of("orchestrator");
    private static final AgentId PROVIDER = AgentId.of("py-expert");
    private static final String HASH = "0x" + "ab".repeat(32);
    private static final Duration STALE_AFTER = Duration.ofHours(1);
    private static final int THREADS = 16;

    /** One attempt, so a single undecided answer after the authorization's expiry leaves the outcome unknown. */
    private static final PaymentSettings ONE_ATTEMPT = new PaymentSettings(
            "eip155:84532",
            PaymentSettings.DEFAULTS.asset(),
            Currency.USDC,
            "USDC",
            "2",
            Duration.ofSeconds(300),
            Duration.ofMinutes(2),
            Duration.ofSeconds(5),
            1);

    private final LedgerFixture world = new LedgerFixture();
    private final ScriptedVerifier verifier = new ScriptedVerifier();
    private int hires;

    @BeforeEach
    void registerAgents() {
        world.register(Agents.registration("orchestrator", "planning"));
        world.register(Agents.registration("py-expert", Money.of("1.50", "USDC"), 1000, "python"));
    }

    private PaidHiring hiring(Facilitator facilitator) {
        return new PaidHiring(
                world.ledger,
                world.agents,
                world.transactions,
                world.payments,
                verifier,
                facilitator,
                world.unitOfWork,
                world.clock,
                ONE_ATTEMPT);
    }

    private SettlementOutbox outbox(Facilitator facilitator) {
        return new SettlementOutbox(
                world.payments, world.ledger, facilitator, world.unitOfWork, world.clock, STALE_AFTER);
    }

    /** A hire paid while no facilitator was configured: its payment PENDING. */
    private TransactionId pendingHire() {
        hires++;
        PaidHireRequest request = new PaidHireRequest(
                PAYER,
                PROVIDER,
                Capability.of("python"),
                "task " + hires,
                Optional.of(IdempotencyKey.of("hire-2026-11-26-" + String.format("%04d", hires))),
                "http://127.0.0.1:8080/api/v1/agents/py-expert/hires");
        Instant validBefore = world.clock.instant().plusSeconds(300);
        world.catalog.heartbeat(PROVIDER, Optional.empty());
        return hiring(Facilitator.NONE)
                .hire(request, Optional.of(verifier.payment("pay-" + hires, Integer.toHexString(hires), validBefore)))
                .transaction()
                .id();
    }

    /** A hire whose one settlement attempt was undecided after the authorization expired. */
    private TransactionId unknownHire() {
        TransactionId id = pendingHire();
        ScriptedFacilitator facilitator = new ScriptedFacilitator()
                .answering(new SettlementOutcome.Undecided("504"), new SettlementOutcome.Undecided("504"));
        // Sent once in time (undecided), then again after the expiry: given up without a decision.
        assertThat(hiring(facilitator).settle(id).payment().state()).isEqualTo(PaymentState.PENDING);
        world.clock.advance(Duration.ofSeconds(301));
        assertThat(hiring(facilitator).settle(id).payment().state()).isEqualTo(PaymentState.OUTCOME_UNKNOWN);
        return id;
    }

    private Money balance(Account account) {
        return world.journal.balanceOf(account).getOrDefault(Currency.USDC, Money.zero(Currency.USDC));
    }

    private static void assertRefused(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call)
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code())
                .isEqualTo(code);
    }

    @Test
    void recordingTheChainTransactionSettlesThePaymentAndTheHireThroughTheLedger() {
        TransactionId id = unknownHire();

        Payment settled = outbox(new ScriptedFacilitator())
                .recordSettlement(OPERATOR, id, HASH.toUpperCase().replace("0X", "0x"));

        assertThat(settled.state()).isEqualTo(PaymentState.SETTLED);
        assertThat(settled.facilitatorTransaction()).contains(HASH);
        assertThat(world.transactions.findById(id).orElseThrow().state()).isEqualTo(TransactionState.SETTLED);
        assertThat(world.transactions.findById(id).orElseThrow().settlementReference())
                .contains(HASH);
        assertThat(balance(Account.ESCROW)).isEqualTo(Money.of("0", "USDC"));
        assertThat(balance(Account.of(PROVIDER)).isPositive()).isTrue();
        assertThat(world.payments.findByTransaction(id)).contains(settled);
    }

    @Test
    void cancellingFailsThePaymentAndVoidsTheHold() {
        TransactionId id = unknownHire();

        Payment cancelled = outbox(new ScriptedFacilitator()).cancel(OPERATOR, id);

        assertThat(cancelled.state()).isEqualTo(PaymentState.FAILED);
        assertThat(cancelled.failureReason()).contains(SettlementOutbox.CANCELLED_REASON);
        assertThat(world.transactions.findById(id).orElseThrow().state()).isEqualTo(TransactionState.CANCELLED);
        assertThat(balance(Account.ESCROW)).isEqualTo(Money.of("0", "USDC"));
        assertThat(balance(Account.of(PAYER))).isEqualTo(Money.of("0", "USDC"));
    }

    @Test
    void chainTransactionThatIsNotAHashIsRefusedBesideItsFieldAndChangesNothing() {
        TransactionId id = unknownHire();

        for (String wrong : new String[] {"", "ab".repeat(32), "0x" + "ab".repeat(31), "0x" + "zz".repeat(32), null}) {
            assertThatThrownBy(() -> outbox(Facilitator.NONE).recordSettlement(OPERATOR, id, wrong))
                    .isInstanceOfSatisfying(
                            InvalidValueException.class,
                            e -> assertThat(e.field()).isEqualTo(ChainTransaction.FIELD));
        }
        assertThat(world.payments.findByTransaction(id).orElseThrow().state()).isEqualTo(PaymentState.OUTCOME_UNKNOWN);
    }

    @Test
    void repeatingADecisionReturnsItAndTheOppositeDecisionIsRefused() {
        TransactionId settledId = unknownHire();
        TransactionId cancelledId = unknownHire();
        SettlementOutbox outbox = outbox(new ScriptedFacilitator());
        Payment settled = outbox.recordSettlement(OPERATOR, settledId, HASH);
        Payment cancelled = outbox.cancel(OPERATOR, cancelledId);

        assertThat(outbox.recordSettlement(OPERATOR, settledId, HASH)).isEqualTo(settled);
        assertThat(outbox.cancel(OPERATOR, cancelledId)).isEqualTo(cancelled);
        assertRefused(() -> outbox.cancel(OPERATOR, settledId), ErrorCode.ILLEGAL_TRANSITION);
        assertRefused(
                () -> outbox.recordSettlement(OPERATOR, settledId, "0x" + "cd".repeat(32)),
                ErrorCode.ILLEGAL_TRANSITION);
        assertRefused(() -> outbox.recordSettlement(OPERATOR, cancelledId, HASH), ErrorCode.ILLEGAL_TRANSITION);
        assertThat(world.journal.entriesOf(settledId))
                .extracting(JournalEntry::kind)
                .containsExactly(EntryKind.HOLD, EntryKind.SETTLE);
    }

    @Test
    void pendingPaymentIsReconciledOnlyWhenStaleWithoutAFacilitator() {
        TransactionId id = pendingHire();
        world.clock.advance(STALE_AFTER);
        assertRefused(() -> outbox(Facilitator.NONE).cancel(OPERATOR, id), ErrorCode.PAYMENT_IN_PROGRESS);

        world.clock.advance(Duration.ofNanos(1000));
        assertRefused(() -> outbox(new ScriptedFacilitator()).cancel(OPERATOR, id), ErrorCode.PAYMENT_IN_PROGRESS);
        assertThat(outbox(Facilitator.NONE).recordSettlement(OPERATOR, id, HASH).state())
                .isEqualTo(PaymentState.SETTLED);
    }

    @Test
    void paymentBeingSentIsNotReconciled() {
        TransactionId id = unknownHire();
        TransactionId sending = pendingHire();
        Instant now = world.clock.instant();
        world.unitOfWork.run(() -> world.payments.claim(sending, now, now.plusSeconds(120)));
        world.clock.advance(STALE_AFTER.plusSeconds(1));

        assertRefused(() -> outbox(Facilitator.NONE).cancel(OPERATOR, sending), ErrorCode.PAYMENT_IN_PROGRESS);
        assertThat(world.payments.findByTransaction(id).orElseThrow().state()).isEqualTo(PaymentState.OUTCOME_UNKNOWN);
    }

    @Test
    void hireWithoutAPaymentOrUnknownIsNotFound() {
        assertRefused(
                () -> outbox(Facilitator.NONE)
                        .cancel(OPERATOR, TransactionId.of("00000000-0000-4000-8000-000000000099")),
                ErrorCode.TRANSACTION_NOT_FOUND);
    }

    @Test
    void onlyOperatorsReadOrReconcileTheOutbox() {
        TransactionId id = unknownHire();
        SettlementOutbox outbox = outbox(Facilitator.NONE);
        for (Caller caller : List.of(Caller.agent(PAYER), Caller.staff("nobody"))) {
            assertRefused(() -> outbox.recordSettlement(caller, id, HASH), ErrorCode.ROLE_REQUIRED);
            assertRefused(() -> outbox.cancel(caller, id), ErrorCode.ROLE_REQUIRED);
            assertRefused(
                    () -> outbox.inState(caller, PaymentState.OUTCOME_UNKNOWN, Optional.empty(), 10),
                    ErrorCode.ROLE_REQUIRED);
            assertRefused(() -> outbox.stale(caller, Optional.empty(), 10), ErrorCode.ROLE_REQUIRED);
        }
        assertThat(outbox.recordSettlement(Caller.staff("root", Role.ADMIN), id, HASH)
                        .state())
                .isEqualTo(PaymentState.SETTLED);
    }

    @Test
    void outboxIsListedPerStateNewestFirstInCursorPages() {
        TransactionId first = pendingHire();
        world.clock.advance(Duration.ofSeconds(1));
        TransactionId second = pendingHire();
        world.clock.advance(Duration.ofSeconds(1));
        TransactionId third = pendingHire();
        SettlementOutbox outbox = outbox(Facilitator.NONE);

        SettlementOutbox.Page page = outbox.inState(OPERATOR, PaymentState.PENDING, Optional.empty(), 2);
        SettlementOutbox.Page rest = outbox.inState(OPERATOR, PaymentState.PENDING, page.nextCursor(), 2);

        assertThat(page.payments()).extracting(Payment::transactionId).containsExactly(third, second);
        assertThat(rest.payments()).extracting(Payment::transactionId).containsExactly(first);
        assertThat(rest.nextCursor()).isEmpty();
        assertThat(outbox.inState(OPERATOR, PaymentState.SETTLED, Optional.empty(), 2)
                        .payments())
                .isEmpty();
        assertThat(OutboxCursor.parse(page.nextCursor().orElseThrow().toString()))
                .isEqualTo(page.nextCursor().get());
        assertThatThrownBy(() -> OutboxCursor.parse("yesterday"))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("after"));
    }

    @Test
    void stalePaidHiresAreThePendingOnesOlderThanTheThresholdOldestFirstAndNoneWithAFacilitator() {
        TransactionId oldest = pendingHire();
        world.clock.advance(Duration.ofMinutes(10));
        TransactionId older = pendingHire();
        world.clock.advance(STALE_AFTER.plusSeconds(1));
        pendingHire();

        SettlementOutbox.Page page = outbox(Facilitator.NONE).stale(OPERATOR, Optional.empty(), 1);
        SettlementOutbox.Page rest = outbox(Facilitator.NONE).stale(OPERATOR, page.nextCursor(), 10);

        assertThat(page.payments()).extracting(Payment::transactionId).containsExactly(oldest);
        assertThat(rest.payments()).extracting(Payment::transactionId).containsExactly(older);
        assertThat(outbox(new ScriptedFacilitator())
                        .stale(OPERATOR, Optional.empty(), 10)
                        .payments())
                .isEmpty();
    }

    @Test
    void ofOperatorsReconcilingOnePaymentAtOnceOneDecisionTakesEffectOnce() throws InterruptedException {
        TransactionId id = unknownHire();
        SettlementOutbox outbox = outbox(new ScriptedFacilitator());

        List<Concurrently.Outcome<Payment>> outcomes = Concurrently.run(
                THREADS,
                thread -> thread % 2 == 0
                        ? outbox.recordSettlement(Caller.staff("ops-" + thread, Role.OPERATOR), id, HASH)
                        : outbox.cancel(Caller.staff("ops-" + thread, Role.OPERATOR), id));

        Payment decided = world.payments.findByTransaction(id).orElseThrow();
        assertThat(decided.state()).isIn(PaymentState.SETTLED, PaymentState.FAILED);
        boolean settled = decided.state() == PaymentState.SETTLED;
        for (int thread = 0; thread < THREADS; thread++) {
            Concurrently.Outcome<Payment> outcome = outcomes.get(thread);
            if ((thread % 2 == 0) == settled) {
                assertThat(outcome.value()).isEqualTo(decided);
            } else {
                assertThat(outcome.failure())
                        .isInstanceOfSatisfying(
                                DomainException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION));
            }
        }
        assertThat(world.journal.entriesOf(id))
                .extracting(JournalEntry::kind)
                .containsExactly(EntryKind.HOLD, settled ? EntryKind.SETTLE : EntryKind.VOID);
        assertThat(world.transactions.findById(id).orElseThrow().state())
                .isEqualTo(settled ? TransactionState.SETTLED : TransactionState.CANCELLED);
    }
}
