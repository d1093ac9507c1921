package dev.agentmarketplace.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.RuleViolationException;
import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentUpdate;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.testing.LedgerFixture;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaidHiringTest {
    private static final AgentId PAYER = AgentId.of("orchestrator");
    private static final AgentId PROVIDER = AgentId.of("py-expert");
    private static final String RESOURCE = "http://127.0.0.1:8080/api/v1/agents/py-expert/hires";
    private static final String TX_HASH = "0x" + "ab".repeat(32);

    private final LedgerFixture world = new LedgerFixture();
    private final ScriptedVerifier verifier = new ScriptedVerifier();
    private Instant validBefore;

    @BeforeEach
    void registerAgents() {
        world.register(Agents.registration("orchestrator", "planning"));
        world.register(Agents.registration("py-expert", Money.of("1.50", "USDC"), 3, "python"));
        world.register(Agents.registration("euro-expert", Money.of("2.00", "EUR"), 3, "python"));
        world.register(Agents.registration("volunteer", Money.of("0", "USDC"), 3, "python"));
        validBefore = world.clock.instant().plusSeconds(300);
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
                PaymentSettings.DEFAULTS);
    }

    private static PaidHireRequest request(Optional<String> key) {
        return new PaidHireRequest(
                PAYER, PROVIDER, Capability.of("python"), "refactor billing", key.map(IdempotencyKey::of), RESOURCE);
    }

    private static PaidHireRequest request() {
        return request(Optional.of("hire-2026-11-26-0001"));
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

    private static PaymentRequiredException paymentRequired(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(PaymentRequiredException.class);
        return (PaymentRequiredException) thrown;
    }

    @Test
    void hireWithoutPaymentIsAskedForTheProvidersPriceAtItsWallet() {
        PaymentRequiredException required =
                paymentRequired(() -> hiring(Facilitator.NONE).hire(request(), Optional.empty()));

        PaymentOffer offer = required.offer().orElseThrow();
        assertThat(required.reason()).isEmpty();
        assertThat(offer.price()).isEqualTo(Money.of("1.50", "USDC"));
        assertThat(offer.amount()).isEqualTo(BigInteger.valueOf(1_500_000));
        assertThat(offer.payTo()).isEqualTo(Agents.WALLET);
        assertThat(offer.network()).isEqualTo("eip155:84532");
        assertThat(offer.resource()).isEqualTo(RESOURCE);
        assertThat(offer.description()).contains("py-expert").contains("python");
        assertThat(world.transactions.findByIdempotencyKey(PAYER, IdempotencyKey.of("hire-2026-11-26-0001")))
                .isEmpty();
    }

    @Test
    void providerPricedInAnotherCurrencyThanTheTokenCannotBeHiredThroughX402() {
        PaidHireRequest euro = new PaidHireRequest(
                PAYER, AgentId.of("euro-expert"), Capability.of("python"), "", Optional.empty(), RESOURCE);

        assertRefused(() -> hiring(Facilitator.NONE).offer(euro), ErrorCode.PAYMENT_NOT_ACCEPTED);
    }

    @Test
    void providerWorkingForFreeIsNotHiredThroughX402() {
        PaidHireRequest free = new PaidHireRequest(
                PAYER, AgentId.of("volunteer"), Capability.of("python"), "", Optional.empty(), RESOURCE);

        assertRefused(() -> hiring(Facilitator.NONE).hire(free, Optional.empty()), ErrorCode.PAYMENT_NOT_ACCEPTED);
    }

    @Test
    void hireThatWouldBeRefusedIsRefusedBeforeAnyoneIsAskedToPay() {
        PaidHireRequest wrongSkill =
                new PaidHireRequest(PAYER, PROVIDER, Capability.of("rust"), "", Optional.empty(), RESOURCE);
        PaidHireRequest self =
                new PaidHireRequest(PROVIDER, PROVIDER, Capability.of("python"), "", Optional.empty(), RESOURCE);

        assertRefused(
                () -> hiring(Facilitator.NONE).hire(wrongSkill, Optional.empty()), ErrorCode.CAPABILITY_NOT_OFFERED);
        assertRefused(() -> hiring(Facilitator.NONE).hire(self, Optional.empty()), ErrorCode.SELF_HIRE);
        world.catalog.update(new AgentUpdate.ChangeAvailability(PROVIDER, Availability.MAINTENANCE));
        assertRefused(() -> hiring(Facilitator.NONE).hire(request(), Optional.empty()), ErrorCode.PROVIDER_UNAVAILABLE);
    }

    @Test
    void withoutAFacilitatorAVerifiedPaymentRecordsThePendingHireAndLeavesItsSettlementPending() {
        PaidHire hired =
                hiring(Facilitator.NONE).hire(request(), Optional.of(verifier.payment("pay-1", "1", validBefore)));

        assertThat(hired.created()).isTrue();
        assertThat(hired.transaction().state()).isEqualTo(TransactionState.PENDING);
        assertThat(hired.transaction().amount()).isEqualTo(Money.of("1.50", "USDC"));
        assertThat(hired.transaction().idempotencyKey()).isEqualTo(IdempotencyKey.of("hire-2026-11-26-0001"));
        assertThat(hired.payment().state()).isEqualTo(PaymentState.PENDING);
        assertThat(hired.payment().attempts()).isZero();
        assertThat(hired.payment().hireKey()).isEqualTo(hired.transaction().idempotencyKey());
        assertThat(balance(Account.ESCROW)).isEqualTo(Money.of("1.50", "USDC"));
        assertThat(hiring(Facilitator.NONE).dueSettlements(10)).isEmpty();
    }

    @Test
    void paymentThatFailsVerificationIsAnsweredWithItsReasonAndTheOfferAndRecordsNothing() {
        PresentedPayment forged = verifier.refused("forged", "invalid_exact_evm_payload_signature");

        PaymentRequiredException refused =
                paymentRequired(() -> hiring(Facilitator.NONE).hire(request(), Optional.of(forged)));

        assertThat(refused.reason()).contains("invalid_exact_evm_payload_signature");
        assertThat(refused.offer()).map(PaymentOffer::provider).contains(PROVIDER);
        assertThat(world.transactions.history(
                        dev.agentmarketplace.core.ledger.TransactionFilter.ALL, Optional.empty(), 10))
                .isEmpty();
    }

    @Test
    void facilitatorThatFindsThePaymentInvalidGetsItsReasonPassedOnAndNothingIsRecorded() {
        ScriptedFacilitator facilitator =
                new ScriptedFacilitator().judging(new FacilitatorVerdict.Invalid("insufficient_funds"));

        PaymentRequiredException refused = paymentRequired(
                () -> hiring(facilitator).hire(request(), Optional.of(verifier.payment("pay-1", "1", validBefore))));

        assertThat(refused.reason()).contains("insufficient_funds");
        assertThat(world.payments.findByPaymentIdentifier(PAYER, "anything-at-all-123"))
                .isEmpty();
        assertThat(facilitator.settled).isEmpty();
    }

    @Test
    void unreachableFacilitatorRecordsNothingSoTheClientMayRetry() {
        ScriptedFacilitator facilitator = new ScriptedFacilitator().unreachable();

        assertRefused(
                () -> hiring(facilitator).hire(request(), Optional.of(verifier.payment("pay-1", "1", validBefore))),
                ErrorCode.FACILITATOR_UNAVAILABLE);
        assertThat(world.transactions.findByIdempotencyKey(PAYER, IdempotencyKey.of("hire-2026-11-26-0001")))
                .isEmpty();
    }

    @Test
    void settledPaymentSettlesTheHireWithTheChainTransactionAsReference() {
        ScriptedFacilitator facilitator = new ScriptedFacilitator().answering(new SettlementOutcome.Settled(TX_HASH));

        PaidHire hired = hiring(facilitator).hire(request(), Optional.of(verifier.payment("pay-1", "1", validBefore)));

        assertThat(hired.created()).isTrue();
        assertThat(hired.transaction().state()).isEqualTo(TransactionState.SETTLED);
        assertThat(hired.transaction().settlementReference()).contains(TX_HASH);
        assertThat(hired.transaction().timeline().getLast().actor()).isEqualTo(Actor.system("x402-settlement"));
        assertThat(hired.payment().state()).isEqualTo(PaymentState.SETTLED);
        assertThat(hired.payment().facilitatorTransaction()).contains(TX_HASH);
        assertThat(facilitator.settled)
                .singleElement()
                .extracting(Payment::hireKey)
                .isEqualTo(IdempotencyKey.of("hire-2026-11-26-0001"));
        assertThat(balance(Account.ESCROW)).isEqualTo(Money.zero(Currency.USDC));
        assertThat(balance(new Account.OfAgent(PROVIDER))).isEqualTo(Money.of("1.462500", "USDC"));
    }

    @Test
    void refusedSettlementCancelsTheHireVoidsItsHoldAndAnswersWithTheFacilitatorsReason() {
        ScriptedFacilitator facilitator =
                new ScriptedFacilitator().answering(new SettlementOutcome.Refused("insufficient_funds"));

        PaymentRequiredException refused = paymentRequired(
                () -> hiring(facilitator).hire(request(), Optional.of(verifier.payment("pay-1", "1", validBefore))));

        assertThat(refused.reason()).contains("insufficient_funds");
        Payment payment = refused.refused().orElseThrow();
        assertThat(payment.state()).isEqualTo(PaymentState.FAILED);
        Transaction tx = world.transactions.findById(payment.transactionId()).orElseThrow();
        assertThat(tx.state()).isEqualTo(TransactionState.CANCELLED);
        assertThat(balance(Account.ESCROW)).isEqualTo(Money.zero(Currency.USDC));
        assertThat(balance(new Account.OfAgent(PAYER))).isEqualTo(Money.zero(Currency.USDC));
    }

    @Test
    void retryOfARefusedPaymentGetsTheSameRefusalWithoutAskingTheFacilitatorAgain() {
        ScriptedFacilitator facilitator =
                new ScriptedFacilitator().answering(new SettlementOutcome.Refused("insufficient_funds"));
        PresentedPayment payment = verifier.payment("pay-1", "1", validBefore);
        paymentRequired(() -> hiring(facilitator).hire(request(), Optional.of(payment)));

        PaymentRequiredException again =
                paymentRequired(() -> hiring(facilitator).hire(request(), Optional.of(payment)));

        assertThat(again.reason()).contains("insufficient_funds");
        assertThat(facilitator.settled).hasSize(1);
    }

    @Test
    void undecidedSettlementLeavesTheHirePendingAndIsRetriedAfterTheBackoff() {
        ScriptedFacilitator facilitator = new ScriptedFacilitator()
                .answering(new SettlementOutcome.Undecided("read timed out"), new SettlementOutcome.Settled(TX_HASH));
        PaidHiring hiring = hiring(facilitator);

        PaidHire hired = hiring.hire(request(), Optional.of(verifier.payment("pay-1", "1", validBefore)));

        assertThat(hired.transaction().state()).isEqualTo(TransactionState.PENDING);
        assertThat(hired.payment().state()).isEqualTo(PaymentState.PENDING);
        assertThat(hired.payment().attempts()).isEqualTo(1);
        assertThat(hired.payment().lastError()).contains("read timed out");
        assertThat(hired.payment().nextAttemptAt())
                .isEqualTo(world.clock.instant().plusSeconds(5));
        assertThat(hiring.dueSettlements(10)).isEmpty();

        world.clock.advance(Duration.ofSeconds(5));
        assertThat(hiring.dueSettlements(10))
                .containsExactly(hired.transaction().id());
        PaidHire settled = hiring.settle(hired.transaction().id());

        assertThat(settled.transaction().state()).isEqualTo(TransactionState.SETTLED);
        assertThat(settled.payment().attempts()).isEqualTo(2);
        assertThat(facilitator.settled)
                .extracting(Payment::settlementRequest)
                .containsOnly(hired.payment().settlementRequest());
    }

    @Test
    void retryPresentingTheSamePaymentReturnsTheEarlierHireWithoutPayingTwice() {
        ScriptedFacilitator facilitator = new ScriptedFacilitator().answering(new SettlementOutcome.Settled(TX_HASH));
        PaidHiring hiring = hiring(facilitator);
        PresentedPayment payment = verifier.payment("pay-1", "1", validBefore);
        PaidHire first = hiring.hire(request(), Optional.of(payment));
        world.clock.advance(Duration.ofHours(1));

        PaidHire again = hiring.hire(request(), Optional.of(payment));

        assertThat(again.created()).isFalse();
        assertThat(again.transaction().id()).isEqualTo(first.transaction().id());
        assertThat(again.payment().state()).isEqualTo(PaymentState.SETTLED);
        assertThat(facilitator.settled).hasSize(1);
    }

    @Test
    void retryWithoutAnyKeyFindsItsHireByThePaymentItself() {
        PaidHiring hiring = hiring(Facilitator.NONE);
        PresentedPayment payment = verifier.payment("pay-1", "1", validBefore);
        PaidHire first = hiring.hire(request(Optional.empty()), Optional.of(payment));

        PaidHire again = hiring.hire(request(Optional.empty()), Optional.of(payment));

        assertThat(first.transaction().idempotencyKey().value()).startsWith("x402-payment-");
        assertThat(again.created()).isFalse();
        assertThat(again.transaction().id()).isEqualTo(first.transaction().id());
    }

    @Test
    void sameAuthorizationPresentedForAnotherHireIsRefusedAsAlreadyUsed() {
        PaidHiring hiring = hiring(Facilitator.NONE);
        hiring.hire(request(), Optional.of(verifier.payment("pay-1", "1", validBefore)));
        // Another header text carrying the same authorization (nonce) under another key.
        PresentedPayment replayed = verifier.payment("pay-1-reencoded", "1", validBefore);

        PaymentRequiredException refused =
                paymentRequired(() -> hiring.hire(request(Optional.of("hire-2026-11-26-0002")), Optional.of(replayed)));

        assertThat(refused.reason()).contains("invalid_transaction_state");
        assertThat(refused.offer()).isPresent();
        assertThat(world.transactions.findByIdempotencyKey(PAYER, IdempotencyKey.of("hire-2026-11-26-0002")))
                .isEmpty();
    }

    @Test
    void idempotencyKeyReusedWithAnotherPaymentIsAMismatch() {
        PaidHiring hiring = hiring(Facilitator.NONE);
        hiring.hire(request(), Optional.of(verifier.payment("pay-1", "1", validBefore)));

        assertRefused(
                () -> hiring.hire(request(), Optional.of(verifier.payment("pay-2", "2", validBefore))),
                ErrorCode.IDEMPOTENCY_MISMATCH);
    }

    @Test
    void idempotencyKeyReusedForAnotherTaskIsAMismatch() {
        PaidHiring hiring = hiring(Facilitator.NONE);
        PresentedPayment payment = verifier.payment("pay-1", "1", validBefore);
        hiring.hire(request(), Optional.of(payment));
        PaidHireRequest otherTask = new PaidHireRequest(
                PAYER,
                PROVIDER,
                Capability.of("python"),
                "another task",
                Optional.of(IdempotencyKey.of("hire-2026-11-26-0001")),
                RESOURCE);

        assertRefused(() -> hiring.hire(otherTask, Optional.of(payment)), ErrorCode.IDEMPOTENCY_MISMATCH);
    }

    @Test
    void paymentIdentifierIsTheRetryKeyWhenNoIdempotencyKeyIsSent() {
        PaidHiring hiring = hiring(Facilitator.NONE);
        PresentedPayment payment = verifier.identified("pay-1", "1", validBefore, "pay_7d5d747be160e280504c");
        PaidHire first = hiring.hire(request(Optional.empty()), Optional.of(payment));

        PaidHire again = hiring.hire(request(Optional.empty()), Optional.of(payment));

        assertThat(first.transaction().idempotencyKey()).isEqualTo(IdempotencyKey.of("pay_7d5d747be160e280504c"));
        assertThat(first.payment().paymentIdentifier()).contains("pay_7d5d747be160e280504c");
        assertThat(again.created()).isFalse();
        assertThat(again.transaction().id()).isEqualTo(first.transaction().id());
    }

    @Test
    void paymentIdentifierIsBoundToTheExactPaymentItFirstCame() {
        PaidHiring hiring = hiring(Facilitator.NONE);
        PresentedPayment payment = verifier.identified("pay-1", "1", validBefore, "pay_7d5d747be160e280504c");
        PaidHire first = hiring.hire(request(), Optional.of(payment));
        PresentedPayment sameIdOtherPayment =
                verifier.identified("pay-2", "2", validBefore, "pay_7d5d747be160e280504c");

        PaidHire byIdentifierOnly = hiring.hire(request(Optional.empty()), Optional.of(payment));
        PaidHire underANewKey = hiring.hire(request(Optional.of("hire-2026-11-26-0009")), Optional.of(payment));

        assertThat(byIdentifierOnly.transaction().id())
                .isEqualTo(first.transaction().id());
        assertThat(underANewKey.transaction().id())
                .isEqualTo(first.transaction().id());
        assertThat(underANewKey.created()).isFalse();
        assertRefused(
                () -> hiring.hire(request(Optional.empty()), Optional.of(sameIdOtherPayment)),
                ErrorCode.IDEMPOTENCY_MISMATCH);
    }

    @Test
    void paymentIdentifierAndIdempotencyKeyNamingTwoDifferentHiresIsAMismatch() {
        PaidHiring hiring = hiring(Facilitator.NONE);
        PresentedPayment identified = verifier.identified("pay-1", "1", validBefore, "pay_7d5d747be160e280504c");
        hiring.hire(request(Optional.empty()), Optional.of(identified));
        hiring.hire(
                request(Optional.of("hire-2026-11-26-0002")), Optional.of(verifier.payment("pay-2", "2", validBefore)));

        assertRefused(
                () -> hiring.hire(request(Optional.of("hire-2026-11-26-0002")), Optional.of(identified)),
                ErrorCode.IDEMPOTENCY_MISMATCH);
    }

    @Test
    void paidHireAwaitingSettlementCannotBeSettledCancelledOrDisputedByAnyoneAndDoesNotExpire() {
        PaidHire hired =
                hiring(Facilitator.NONE).hire(request(), Optional.of(verifier.payment("pay-1", "1", validBefore)));
        var id = hired.transaction().id();

        assertRefused(
                () -> world.ledger.settle(id, Actor.agent(PAYER), Optional.empty()), ErrorCode.PAYMENT_IN_PROGRESS);
        assertRefused(() -> world.ledger.cancel(id, Actor.operator("ops")), ErrorCode.PAYMENT_IN_PROGRESS);
        assertRefused(
                () -> world.ledger.markDisputed(id, PAYER, "no work", world.clock.instant()),
                ErrorCode.PAYMENT_IN_PROGRESS);
        world.clock.advance(Duration.ofHours(2));
        assertThat(world.ledger.expireHolds(world.clock.instant())).isEmpty();
        assertThat(world.transactions.findById(id).orElseThrow().state()).isEqualTo(TransactionState.PENDING);
    }

    @Test
    void holdSweepPassesOverMoreThanABatchOfPaidHiresToExpireTheUnpaidHoldBehindThem() {
        world.register(Agents.registration("busy-expert", Money.of("1.50", "USDC"), 500, "python"));
        for (int i = 0; i < 120; i++) {
            Transaction tx = world.ledger
                    .hire(world.request("orchestrator", "busy-expert", "python", "1.50"))
                    .transaction();
            VerifiedPayment paid = new VerifiedPayment(
                    2,
                    ScriptedVerifier.PAYER_WALLET,
                    Agents.WALLET,
                    BigInteger.valueOf(1_500_000),
                    "eip155:84532",
                    PaymentSettings.DEFAULTS.asset(),
                    "0x%064x".formatted(i + 1),
                    world.clock.instant(),
                    validBefore,
                    Optional.empty(),
                    "%064x".formatted(i + 1),
                    "{}");
            world.payments.add(Payment.pending(tx.id(), PAYER, tx.idempotencyKey(), paid, world.clock.instant()));
            world.clock.advance(Duration.ofMillis(1));
        }
        Transaction unpaid = world.ledger
                .hire(world.request("orchestrator", "busy-expert", "python", "1.50"))
                .transaction();
        world.clock.advance(Duration.ofHours(1));

        assertThat(world.ledger.expireHolds(world.clock.instant())).containsExactly(unpaid.id());
    }

    @Test
    void authorizationThatExpiredBeforeItWasEverSentIsFailedWithoutSendingAndItsHoldVoided() {
        PaidHire hired =
                hiring(Facilitator.NONE).hire(request(), Optional.of(verifier.payment("pay-1", "1", validBefore)));
        ScriptedFacilitator facilitator = new ScriptedFacilitator();
        world.clock.advance(Duration.ofSeconds(301));

        PaidHire after = hiring(facilitator).settle(hired.transaction().id());

        assertThat(facilitator.settled).isEmpty();
        assertThat(after.payment().state()).isEqualTo(PaymentState.FAILED);
        assertThat(after.payment().failureReason()).contains("invalid_exact_evm_payload_authorization_valid_before");
        assertThat(after.transaction().state()).isEqualTo(TransactionState.CANCELLED);
        assertThat(balance(Account.ESCROW)).isEqualTo(Money.zero(Currency.USDC));
    }

    @Test
    void settlementStillUndecidedAfterTheLastAttemptAndTheAuthorizationsExpiryAwaitsReconciliationWithItsHold() {
        PaymentSettings oneAttempt = new PaymentSettings(
                "eip155:84532",
                PaymentSettings.DEFAULTS.asset(),
                Currency.USDC,
                "USDC",
                "2",
                Duration.ofSeconds(300),
                Duration.ofMinutes(2),
                Duration.ofSeconds(5),
                1);
        ScriptedFacilitator facilitator = new ScriptedFacilitator()
                .answering(new SettlementOutcome.Undecided("503"), new SettlementOutcome.Undecided("503"));
        PaidHiring hiring = new PaidHiring(
                world.ledger,
                world.agents,
                world.transactions,
                world.payments,
                verifier,
                facilitator,
                world.unitOfWork,
                world.clock,
                oneAttempt);
        PaidHire hired = hiring.hire(request(), Optional.of(verifier.payment("pay-1", "1", validBefore)));
        assertThat(hired.payment().state()).isEqualTo(PaymentState.PENDING);

        world.clock.advance(Duration.ofSeconds(301));
        PaidHire after = hiring.settle(hired.transaction().id());

        assertThat(facilitator.settled).hasSize(2);
        // It may have been broadcast: neither settled nor voided, and no replica sends it again.
        assertThat(after.payment().state()).isEqualTo(PaymentState.OUTCOME_UNKNOWN);
        assertThat(after.payment().lastError())
                .hasValueSatisfying(error -> assertThat(error).contains("no answer after 2 attempts"));
        assertThat(after.transaction().state()).isEqualTo(TransactionState.PENDING);
        assertThat(balance(Account.ESCROW)).isEqualTo(Money.of("1.50", "USDC"));
        world.clock.advance(Duration.ofHours(1));
        assertThat(hiring.dueSettlements(10)).isEmpty();
        assertThat(world.ledger.expireHolds(world.clock.instant())).isEmpty();
    }

    @Test
    void paymentClaimedByAnotherReplicaIsNotSentAgainWhileItsLeaseHolds() {
        PaidHire hired =
                hiring(Facilitator.NONE).hire(request(), Optional.of(verifier.payment("pay-1", "1", validBefore)));
        Instant now = world.clock.instant();
        world.unitOfWork.run(() -> world.payments.claim(hired.transaction().id(), now, now.plusSeconds(120)));
        ScriptedFacilitator facilitator = new ScriptedFacilitator();

        PaidHire after = hiring(facilitator).settle(hired.transaction().id());

        assertThat(facilitator.settled).isEmpty();
        assertThat(after.payment().state()).isEqualTo(PaymentState.SENDING);
        world.clock.advance(Duration.ofSeconds(121));
        assertThat(hiring(facilitator).dueSettlements(10))
                .containsExactly(hired.transaction().id());
    }

    @Test
    void paidHireIsRefusedWhenTheProvidersCapacityIsFullEvenWithAValidPayment() {
        PaidHiring hiring = hiring(Facilitator.NONE);
        for (int i = 1; i <= 3; i++) {
            hiring.hire(
                    request(Optional.of("hire-2026-11-26-000" + i)),
                    Optional.of(verifier.payment("pay-" + i, "" + i, validBefore)));
        }

        assertThatThrownBy(() -> hiring.hire(
                        request(Optional.of("hire-2026-11-26-0004")),
                        Optional.of(verifier.payment("pay-4", "4", validBefore))))
                .isInstanceOf(RuleViolationException.class)
                .extracting(e -> ((RuleViolationException) e).code())
                .isEqualTo(ErrorCode.CAPACITY_EXCEEDED);
        assertThat(verifier.verifications).isEqualTo(3);
    }

    @Test
    void hireThatWasNotPaidThroughX402HasNoPaymentToSettleOrShow() {
        Transaction manual = world.ledger
                .hire(world.request("orchestrator", "py-expert", "python", "1.50"))
                .transaction();

        assertRefused(() -> hiring(Facilitator.NONE).settle(manual.id()), ErrorCode.PAYMENT_NOT_FOUND);
        assertRefused(() -> hiring(Facilitator.NONE).get(manual.id()), ErrorCode.PAYMENT_NOT_FOUND);
        assertThat(hiring(Facilitator.NONE).find(manual.id())).isEmpty();
    }
}
