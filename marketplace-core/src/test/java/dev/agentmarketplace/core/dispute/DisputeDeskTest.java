package dev.agentmarketplace.core.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.RuleViolationException;
import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.ChainVerification;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.testing.LedgerFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DisputeDeskTest {
    private static final AgentId PAYER = AgentId.of("orchestrator");
    private static final AgentId PROVIDER = AgentId.of("py-expert");
    private static final AgentId STRANGER = AgentId.of("stranger");
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private final LedgerFixture world = new LedgerFixture();

    @BeforeEach
    void registerAgents() {
        world.register(Agents.registration("orchestrator", "planning"));
        world.register(Agents.registration("py-expert", "python"));
        world.register(Agents.registration("stranger", "python"));
    }

    private Transaction hire() {
        return world.ledger
                .hire(world.request("orchestrator", "py-expert", "python", "2.00"))
                .transaction();
    }

    private Transaction settledHire() {
        Transaction tx = hire();
        return world.ledger.settle(tx.id(), Actor.agent(PAYER), Optional.empty());
    }

    private Dispute open(Transaction tx, AgentId by) {
        return world.desk.open(tx.id(), by, "work not delivered", List.of(new EvidenceItem.Text("nothing arrived")));
    }

    private Money balance(Account account) {
        return world.journal.balanceOf(account).getOrDefault(Currency.USDC, Money.zero(Currency.USDC));
    }

    private Transaction stored(Transaction tx) {
        return world.transactions.findById(tx.id()).orElseThrow();
    }

    private static void assertRefused(ThrowingCallable call, Class<? extends DomainException> type, ErrorCode code) {
        assertThatThrownBy(call)
                .isInstanceOf(type)
                .extracting(e -> ((DomainException) e).code())
                .isEqualTo(code);
    }

    @Test
    void payerOrProviderOpensADisputeWhichMovesTheTransactionToDisputed() {
        Transaction tx = hire();

        Dispute dispute = open(tx, PROVIDER);

        assertThat(dispute.status()).isEqualTo(DisputeStatus.OPEN);
        assertThat(dispute.openedBy()).isEqualTo(PROVIDER);
        assertThat(dispute.deadline()).isEqualTo(world.clock.instant().plus(Duration.ofHours(72)));
        assertThat(dispute.evidence()).singleElement().satisfies(item -> {
            assertThat(item.submittedBy()).isEqualTo(PROVIDER);
            assertThat(item.item()).isEqualTo(new EvidenceItem.Text("nothing arrived"));
        });
        Transaction disputed = stored(tx);
        assertThat(disputed.state()).isEqualTo(TransactionState.DISPUTED);
        assertThat(disputed.timeline().getLast().actor()).isEqualTo(Actor.agent(PROVIDER));
        assertThat(balance(Account.ESCROW)).isEqualTo(Money.of("2.00", "USDC"));
    }

    @Test
    void onlyAPartyMayOpenADispute() {
        Transaction tx = hire();

        assertRefused(() -> open(tx, STRANGER), RuleViolationException.class, ErrorCode.NOT_A_PARTY);
        assertThat(stored(tx).state()).isEqualTo(TransactionState.PENDING);
    }

    @Test
    void disputeWithoutAReasonIsRefusedAndLeavesTheTransactionUntouched() {
        Transaction tx = hire();

        assertThatThrownBy(() -> world.desk.open(tx.id(), PAYER, "  ", List.of()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("reason: must not be blank");
        assertThat(stored(tx).state()).isEqualTo(TransactionState.PENDING);
        assertThat(stored(tx).version()).isZero();
    }

    @Test
    void settledTransactionCanBeDisputedWithinWindow() {
        Transaction tx = settledHire();
        world.clock.advance(Duration.ofDays(7));

        assertThat(open(tx, PAYER).status()).isEqualTo(DisputeStatus.OPEN);
    }

    @Test
    void settledTransactionCannotBeDisputedAfterTheWindow() {
        Transaction tx = settledHire();
        world.clock.advance(Duration.ofDays(7).plusSeconds(1));

        assertRefused(() -> open(tx, PAYER), RuleViolationException.class, ErrorCode.DISPUTE_WINDOW_CLOSED);
        assertThat(world.disputes.findByTransaction(tx.id())).isEmpty();
    }

    @Test
    void transactionIsDisputedAtMostOnceAndNeverAfterCancellation() {
        Transaction tx = hire();
        open(tx, PAYER);
        assertRefused(() -> open(tx, PROVIDER), ConflictException.class, ErrorCode.ILLEGAL_TRANSITION);

        Transaction other = hire();
        world.ledger.cancel(other.id(), Actor.agent(PAYER));
        assertRefused(() -> open(other, PAYER), ConflictException.class, ErrorCode.ILLEGAL_TRANSITION);
    }

    @Test
    void partiesAddEvidenceUntilTheDeadline() {
        Dispute dispute = open(hire(), PAYER);
        world.clock.advance(Duration.ofHours(72));

        Dispute updated = world.desk.addEvidence(dispute.id(), PROVIDER, new EvidenceItem.Checksum(SHA));

        assertThat(updated.evidence()).hasSize(2);
        assertThat(updated.evidence().getLast().submittedAt()).isEqualTo(world.clock.instant());
        world.clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> world.desk.addEvidence(
                        dispute.id(), PROVIDER, EvidenceItem.Link.of("https://example.org/report")))
                .isInstanceOfSatisfying(
                        RuleViolationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.EVIDENCE_DEADLINE_PASSED));
    }

    @Test
    void onlyPartiesAddEvidence() {
        Dispute dispute = open(hire(), PAYER);

        assertRefused(
                () -> world.desk.addEvidence(dispute.id(), STRANGER, new EvidenceItem.Text("I saw it")),
                RuleViolationException.class,
                ErrorCode.NOT_A_PARTY);
    }

    @Test
    void unknownDisputeIsNotFound() {
        assertRefused(
                () -> world.desk.get(DisputeId.of("00000000-0000-4000-8000-0000000000ff")),
                NotFoundException.class,
                ErrorCode.DISPUTE_NOT_FOUND);
    }

    @Test
    void operatorUpholdsAPendingDisputeWhichSettlesTheHold() {
        Transaction tx = hire();
        Dispute dispute = open(tx, PAYER);

        Dispute resolved = world.desk.resolve(dispute.id(), "ops-1", new DisputeOutcome.ProviderUpheld(), "delivered");

        assertThat(resolved.status()).isEqualTo(DisputeStatus.RESOLVED);
        assertThat(resolved.resolution()).get().satisfies(resolution -> {
            assertThat(resolution.decidedBy()).isEqualTo(Actor.operator("ops-1"));
            assertThat(resolution.note()).isEqualTo("delivered");
        });
        assertThat(stored(tx).state()).isEqualTo(TransactionState.RESOLVED);
        assertThat(stored(tx).outcome()).contains(new DisputeOutcome.ProviderUpheld());
        assertThat(balance(Account.of(PROVIDER))).isEqualTo(Money.of("1.95", "USDC"));
        assertThat(balance(Account.PLATFORM_FEES)).isEqualTo(Money.of("0.05", "USDC"));
        assertThat(balance(Account.ESCROW)).isEqualTo(Money.zero(Currency.USDC));
        assertThat(world.outcomes.events).containsExactly("upheld:py-expert:" + tx.id());
    }

    @Test
    void fullRefundOfAPendingDisputeVoidsTheHold() {
        Transaction tx = hire();
        Dispute dispute = open(tx, PAYER);

        world.desk.resolve(dispute.id(), "ops-1", new DisputeOutcome.FullRefund(), "no delivery");

        assertThat(balance(Account.of(PAYER))).isEqualTo(Money.zero(Currency.USDC));
        assertThat(balance(Account.ESCROW)).isEqualTo(Money.zero(Currency.USDC));
        assertThat(world.outcomes.events).containsExactly("lost:py-expert:" + tx.id());
    }

    @Test
    void partialRefundOfAPendingDisputeSplitsTheHold() {
        Transaction tx = hire();
        Dispute dispute = open(tx, PAYER);

        world.desk.resolve(
                dispute.id(), "ops-1", new DisputeOutcome.PartialRefund(Money.of("0.80", "USDC")), "half done");

        // Remainder 1.20: fee 250 bps = 0.03, provider 1.17.
        assertThat(balance(Account.of(PAYER))).isEqualTo(Money.of("-1.20", "USDC"));
        assertThat(balance(Account.of(PROVIDER))).isEqualTo(Money.of("1.17", "USDC"));
        assertThat(balance(Account.PLATFORM_FEES)).isEqualTo(Money.of("0.03", "USDC"));
        assertThat(balance(Account.ESCROW)).isEqualTo(Money.zero(Currency.USDC));
        // 0.80 of 2.00 refunded: reputation weighs the lost dispute by 0.4.
        assertThat(world.outcomes.events).containsExactly("lost:py-expert:" + tx.id() + ":0.4");
    }

    @Test
    void fullRefundAfterSettlementClawsBackFromProviderAndFees() {
        Transaction tx = settledHire();
        Dispute dispute = open(tx, PAYER);

        world.desk.resolve(dispute.id(), "ops-1", new DisputeOutcome.FullRefund(), "fraud");

        assertThat(balance(Account.of(PAYER))).isEqualTo(Money.zero(Currency.USDC));
        assertThat(balance(Account.of(PROVIDER))).isEqualTo(Money.zero(Currency.USDC));
        assertThat(balance(Account.PLATFORM_FEES)).isEqualTo(Money.zero(Currency.USDC));
    }

    @Test
    void partialRefundAfterSettlementSharesTheClawBack() {
        Transaction tx = settledHire();
        Dispute dispute = open(tx, PAYER);

        world.desk.resolve(
                dispute.id(), "ops-1", new DisputeOutcome.PartialRefund(Money.of("1.00", "USDC")), "partly wrong");

        // Refund 1.00: the fee gives back 0.025, the provider 0.975.
        assertThat(balance(Account.of(PAYER))).isEqualTo(Money.of("-1.00", "USDC"));
        assertThat(balance(Account.of(PROVIDER))).isEqualTo(Money.of("0.975", "USDC"));
        assertThat(balance(Account.PLATFORM_FEES)).isEqualTo(Money.of("0.025", "USDC"));
    }

    @Test
    void upholdingASettledTransactionMovesNoMoney() {
        Transaction tx = settledHire();
        Dispute dispute = open(tx, PAYER);
        int entries = world.journal.entriesAfter(0, 100).size();

        world.desk.resolve(dispute.id(), "ops-1", new DisputeOutcome.ProviderUpheld(), "fine");

        assertThat(world.journal.entriesAfter(0, 100)).hasSize(entries);
        assertThat(stored(tx).state()).isEqualTo(TransactionState.RESOLVED);
    }

    @Test
    void partialRefundMustBeMoreThanZeroAndLessThanTheAmount() {
        Dispute dispute = open(hire(), PAYER);

        for (String refund : List.of("0", "2.00", "3.00")) {
            assertRefused(
                    () -> world.desk.resolve(
                            dispute.id(), "ops-1", new DisputeOutcome.PartialRefund(Money.of(refund, "USDC")), "n"),
                    RuleViolationException.class,
                    ErrorCode.INVALID_REFUND);
        }
        assertRefused(
                () -> world.desk.resolve(
                        dispute.id(), "ops-1", new DisputeOutcome.PartialRefund(Money.of("1.00", "EUR")), "n"),
                RuleViolationException.class,
                ErrorCode.CURRENCY_MISMATCH);
        assertThat(world.desk.get(dispute.id()).status()).isEqualTo(DisputeStatus.OPEN);
    }

    @Test
    void resolvedDisputeCannotBeResolvedAgainNorTakeEvidence() {
        Dispute dispute = open(hire(), PAYER);
        world.desk.resolve(dispute.id(), "ops-1", new DisputeOutcome.FullRefund(), "refund");

        assertRefused(
                () -> world.desk.resolve(dispute.id(), "ops-2", new DisputeOutcome.ProviderUpheld(), "again"),
                ConflictException.class,
                ErrorCode.ILLEGAL_TRANSITION);
        assertRefused(
                () -> world.desk.addEvidence(dispute.id(), PAYER, new EvidenceItem.Text("more")),
                ConflictException.class,
                ErrorCode.ILLEGAL_TRANSITION);
    }

    @Test
    void silentProviderLosesOnceTheDeadlinePassedAndTheRuleIsRecorded() {
        Transaction tx = hire();
        Dispute dispute = open(tx, PAYER);
        world.clock.advance(Duration.ofHours(72));
        assertThat(world.desk.resolveOverdue(world.clock.instant())).isEmpty();

        world.clock.advance(Duration.ofSeconds(1));
        List<Dispute> resolved = world.desk.resolveOverdue(world.clock.instant());

        assertThat(resolved).singleElement().satisfies(decided -> {
            assertThat(decided.id()).isEqualTo(dispute.id());
            assertThat(decided.resolution().orElseThrow().decidedBy()).isEqualTo(Actor.system("provider-silent"));
            assertThat(decided.resolution().orElseThrow().outcome()).isEqualTo(new DisputeOutcome.FullRefund());
        });
        assertThat(stored(tx).timeline().getLast().actor()).isEqualTo(Actor.system("provider-silent"));
        assertThat(balance(Account.of(PAYER))).isEqualTo(Money.zero(Currency.USDC));
        assertThat(world.outcomes.events).containsExactly("lost:py-expert:" + tx.id());
    }

    @Test
    void providerWhoAnsweredIsLeftForAnOperator() {
        Dispute dispute = open(hire(), PAYER);
        world.desk.addEvidence(dispute.id(), PROVIDER, EvidenceItem.Link.of("https://example.org/delivery"));
        world.clock.advance(Duration.ofDays(4));

        assertThat(world.desk.resolveOverdue(world.clock.instant())).isEmpty();
        assertThat(world.desk.get(dispute.id()).status()).isEqualTo(DisputeStatus.OPEN);
    }

    @Test
    void rulesAreConfigurable() {
        DisputeRule upholdAll = new DisputeRule() {
            @Override
            public String name() {
                return "uphold-all";
            }

            @Override
            public Optional<Decision> decide(Dispute dispute, Instant now) {
                return Optional.of(new Decision(new DisputeOutcome.ProviderUpheld(), "policy"));
            }
        };
        DisputeDesk desk = new DisputeDesk(
                world.disputes,
                world.ledger,
                world.unitOfWork,
                world.ids,
                world.clock,
                new DisputeSettings(Duration.ofHours(1)),
                List.of(upholdAll),
                world.outcomes);
        Transaction tx = hire();
        desk.open(tx.id(), PAYER, "late", List.of());
        world.clock.advance(Duration.ofHours(2));

        assertThat(desk.resolveOverdue(world.clock.instant()))
                .singleElement()
                .satisfies(d ->
                        assertThat(d.resolution().orElseThrow().decidedBy()).isEqualTo(Actor.system("uphold-all")));
        assertThat(world.verifier.verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void theQueueShowsOpenDisputesSoonestDeadlineFirstThenResolvedOnesAndPagesByCursor() {
        Dispute first = open(hire(), PAYER);
        world.clock.advance(Duration.ofSeconds(30));
        Dispute second = open(hire(), PROVIDER);
        world.clock.advance(Duration.ofSeconds(30));
        Dispute third = open(hire(), PAYER);
        world.desk.resolve(first.id(), "ops-1", new DisputeOutcome.ProviderUpheld(), "delivered");

        DisputeQueuePage page = world.desk.queue(Optional.empty(), Optional.empty(), 2);
        DisputeQueuePage rest = world.desk.queue(Optional.empty(), page.nextCursor(), 2);

        assertThat(page.disputes()).extracting(Dispute::id).containsExactly(second.id(), third.id());
        assertThat(rest.disputes()).extracting(Dispute::id).containsExactly(first.id());
        assertThat(rest.nextCursor()).isEmpty();
        assertThat(world.desk
                        .queue(Optional.of(DisputeStatus.RESOLVED), Optional.empty(), 10)
                        .disputes())
                .extracting(Dispute::id)
                .containsExactly(first.id());
    }

    @Test
    void theQueueRefusesACursorItDidNotIssueAndAPageSizeOutOfRange() {
        assertRefused(
                () -> world.desk.queue(Optional.empty(), Optional.of("garbage"), 10),
                InvalidValueException.class,
                ErrorCode.INVALID_VALUE);
        assertRefused(
                () -> world.desk.queue(Optional.empty(), Optional.empty(), DisputeDesk.MAX_PAGE_SIZE + 1),
                InvalidValueException.class,
                ErrorCode.INVALID_VALUE);
    }
}
