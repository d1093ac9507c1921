package dev.agentmarketplace.persistence.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.dispute.DisputeOutcomeListener;
import dev.agentmarketplace.core.dispute.DisputeSettings;
import dev.agentmarketplace.core.dispute.DisputeStatus;
import dev.agentmarketplace.core.dispute.EvidenceItem;
import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.ChainVerification;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.EntryKind;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.JournalEntry;
import dev.agentmarketplace.core.ledger.JournalVerifier;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.LedgerSettings;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.testing.LedgerContractData;
import dev.agentmarketplace.core.testing.MutableClock;
import dev.agentmarketplace.core.testing.RecordingOutcomeListener;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.ledger.PanacheHireStatistics;
import dev.agentmarketplace.persistence.ledger.PanacheJournalRepository;
import dev.agentmarketplace.persistence.ledger.PanacheTransactionRepository;
import dev.agentmarketplace.persistence.registry.PanacheAgentRepository;
import dev.agentmarketplace.persistence.testing.LedgerTables;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispute desk and the ledger together on the database adapters: a dispute is opened, decided
 * by an operator or by the provider-silent rule, and its money moves in the same unit of work.
 * {@link DisputesOnPostgresIT} runs it on PostgreSQL.
 */
@QuarkusTest
class DisputesOnDatabaseIT {
    private static final AgentId ALICE = AgentId.of("alice");
    private static final AgentId BOB = AgentId.of("bob");
    private static final Currency USDC = Currency.USDC;

    @Inject
    PanacheAgentRepository agents;

    @Inject
    PanacheTransactionRepository transactions;

    @Inject
    PanacheJournalRepository journal;

    @Inject
    PanacheHireStatistics statistics;

    @Inject
    PanacheDisputeRepository disputes;

    @Inject
    TransactionalUnitOfWork unitOfWork;

    @Inject
    DataSource dataSource;

    private final MutableClock clock = new MutableClock(LedgerContractData.T0);
    private Ledger ledger;
    private int keys;

    @BeforeEach
    void registerAgents() {
        LedgerTables.empty(dataSource);
        agents.add(LedgerContractData.agent(ALICE.value()));
        agents.add(LedgerContractData.agent(BOB.value()));
        ledger = new Ledger(
                transactions,
                journal,
                agents,
                statistics,
                unitOfWork,
                UUID::randomUUID,
                clock,
                LedgerSettings.DEFAULTS);
    }

    @AfterEach
    void leaveNothingBehind() {
        LedgerTables.empty(dataSource);
    }

    private DisputeDesk desk(DisputeOutcomeListener listener) {
        return new DisputeDesk(
                disputes,
                ledger,
                unitOfWork,
                UUID::randomUUID,
                clock,
                DisputeSettings.DEFAULTS,
                DisputeDesk.defaultRules(),
                listener);
    }

    private TransactionId hire(String amount) {
        HireRequest request = new HireRequest(
                ALICE,
                BOB,
                Capability.of("python"),
                Money.of(amount, "USDC"),
                "task",
                IdempotencyKey.of("dispute-key-%06d".formatted(++keys)));
        return ledger.hire(request).transaction().id();
    }

    @Test
    void silentProviderLosesASettledHireAndGivesTheMoneyBack() {
        RecordingOutcomeListener listener = new RecordingOutcomeListener();
        DisputeDesk desk = desk(listener);
        TransactionId tx = hire("1.00");
        ledger.settle(tx, Actor.agent(ALICE), Optional.of("0xabc"));
        Dispute opened = desk.open(tx, ALICE, "nothing delivered", List.of(new EvidenceItem.Text("empty output")));

        clock.advance(Duration.ofHours(73));
        List<Dispute> decided = desk.resolveOverdue(clock.instant());

        assertThat(decided).extracting(Dispute::id).containsExactly(opened.id());
        Dispute resolved = disputes.findById(opened.id()).orElseThrow();
        assertThat(resolved.status()).isEqualTo(DisputeStatus.RESOLVED);
        assertThat(resolved.resolution().orElseThrow().decidedBy()).isEqualTo(Actor.system("provider-silent"));
        assertThat(resolved.resolution().orElseThrow().outcome()).isEqualTo(new DisputeOutcome.FullRefund());
        Transaction settledThenRefunded = transactions.findById(tx).orElseThrow();
        assertThat(settledThenRefunded.state()).isEqualTo(TransactionState.RESOLVED);
        assertThat(settledThenRefunded.outcome()).contains(new DisputeOutcome.FullRefund());
        assertThat(journal.entriesOf(tx))
                .extracting(JournalEntry::kind)
                .containsExactly(EntryKind.HOLD, EntryKind.SETTLE, EntryKind.RESOLVE);
        for (Account account : List.of(Account.of(ALICE), Account.of(BOB), Account.ESCROW, Account.PLATFORM_FEES)) {
            assertThat(journal.balanceOf(account)).as(account.name()).isEqualTo(Map.of(USDC, Money.zero(USDC)));
        }
        assertThat(listener.events).containsExactly("lost:bob:" + tx);
        assertThat(new JournalVerifier(journal).verify()).isEqualTo(new ChainVerification.Intact(3));
    }

    @Test
    void operatorsPartialRefundOfAPendingHireSplitsTheEscrow() {
        DisputeDesk desk = desk(DisputeOutcomeListener.NONE);
        TransactionId tx = hire("1.00");
        Dispute opened = desk.open(tx, BOB, "payer unreachable", List.of());
        desk.addEvidence(opened.id(), ALICE, EvidenceItem.Link.of("https://example.org/chat/1"));

        desk.resolve(opened.id(), "ops-1", new DisputeOutcome.PartialRefund(Money.of("0.40", "USDC")), "half done");

        Dispute resolved = disputes.findById(opened.id()).orElseThrow();
        assertThat(resolved.evidence()).hasSize(1);
        assertThat(resolved.resolution().orElseThrow().note()).isEqualTo("half done");
        assertThat(resolved.version()).isEqualTo(2);
        // Escrow 1.00: 0.40 back to alice, 0.60 settled to bob less the 2.5 % fee.
        assertThat(journal.balanceOf(Account.of(ALICE))).isEqualTo(Map.of(USDC, Money.of("-0.60", "USDC")));
        assertThat(journal.balanceOf(Account.of(BOB))).isEqualTo(Map.of(USDC, Money.of("0.585", "USDC")));
        assertThat(journal.balanceOf(Account.PLATFORM_FEES)).isEqualTo(Map.of(USDC, Money.of("0.015", "USDC")));
        assertThat(journal.balanceOf(Account.ESCROW)).isEqualTo(Map.of(USDC, Money.zero(USDC)));
    }

    @Test
    void replicasSweepingOverdueDisputesAtOnceResolveEachOnce() throws Exception {
        DisputeDesk desk = desk(DisputeOutcomeListener.NONE);
        List<TransactionId> hires = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            TransactionId tx = hire("1.00");
            desk.open(tx, ALICE, "late " + i, List.of());
            hires.add(tx);
        }
        clock.advance(Duration.ofHours(73));

        int replicas = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        int resolvedInAll = 0;
        try {
            List<Future<List<Dispute>>> sweeps = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                sweeps.add(pool.submit(() -> {
                    start.await();
                    return desk.resolveOverdue(clock.instant());
                }));
            }
            start.countDown();
            for (Future<List<Dispute>> sweep : sweeps) {
                resolvedInAll += sweep.get(60, TimeUnit.SECONDS).size();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(resolvedInAll).isEqualTo(hires.size());
        assertThat(disputes.openPastDeadline(clock.instant(), Optional.empty(), 100))
                .isEmpty();
        for (TransactionId tx : hires) {
            assertThat(journal.entriesOf(tx))
                    .extracting(JournalEntry::kind)
                    .containsExactly(EntryKind.HOLD, EntryKind.RESOLVE);
        }
        assertThat(journal.balanceOf(Account.of(ALICE))).isEqualTo(Map.of(USDC, Money.zero(USDC)));
        assertThat(new JournalVerifier(journal).verify()).isEqualTo(new ChainVerification.Intact(20));
    }
}
