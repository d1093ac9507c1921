package dev.agentmarketplace.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.EntryKind;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.JournalEntry;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.core.testing.LedgerFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SettlementReceiptsTest {
    private static final AgentId PAYER = AgentId.of("orchestrator");
    private static final AgentId PROVIDER = AgentId.of("py-expert");
    private static final String TX_HASH = "0x" + "cd".repeat(32);

    private final LedgerFixture world = new LedgerFixture();
    private final ScriptedVerifier verifier = new ScriptedVerifier();
    private final RecordingSigner signer = new RecordingSigner();
    private SettlementReceipts receipts;

    /** Signs with a stand-in signature that encodes the transaction id, so tests can tell receipts apart. */
    static final class RecordingSigner implements ReceiptSigner {
        static final WalletAddress ADDRESS = WalletAddress.of("0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73");
        final List<SettlementReceipt> signed = new ArrayList<>();

        @Override
        public WalletAddress address() {
            return ADDRESS;
        }

        @Override
        public SignedReceipt sign(SettlementReceipt receipt) {
            signed.add(receipt);
            String hex = HexFormat.of()
                    .formatHex(receipt.transactionId().value().replace("-", "").getBytes());
            return new SignedReceipt(receipt, "0x" + (hex + "0".repeat(130)).substring(0, 130), ADDRESS);
        }
    }

    @BeforeEach
    void registerAgents() {
        world.register(Agents.registration("orchestrator", "planning"));
        world.register(Agents.registration("py-expert", Money.of("1.50", "USDC"), 10, "python"));
        receipts = new SettlementReceipts(
                world.transactions, world.queries, world.journal, world.payments, world.unitOfWork, signer);
    }

    private PaidHire paidAndSettled(String value, String nonceDigit) {
        PaidHiring hiring = new PaidHiring(
                world.ledger,
                world.agents,
                world.transactions,
                world.payments,
                verifier,
                new ScriptedFacilitator().answering(new SettlementOutcome.Settled(TX_HASH)),
                world.unitOfWork,
                world.clock,
                PaymentSettings.DEFAULTS);
        return hiring.hire(
                new PaidHireRequest(
                        PAYER,
                        PROVIDER,
                        Capability.of("python"),
                        "task",
                        Optional.of(IdempotencyKey.of("hire-key-" + value + "-00000000")),
                        "http://127.0.0.1/api/v1/agents/py-expert/hires"),
                Optional.of(verifier.payment(
                        value, nonceDigit, world.clock.instant().plusSeconds(300))));
    }

    private Transaction manuallySettled(String reference) {
        Transaction tx = world.ledger
                .hire(world.request("orchestrator", "py-expert", "python", "2.00"))
                .transaction();
        return world.ledger.settle(tx.id(), Actor.agent(PAYER), Optional.ofNullable(reference));
    }

    private String settleEntryHash(TransactionId id) {
        return world.journal.entriesOf(id).stream()
                .filter(entry -> entry.kind() == EntryKind.SETTLE)
                .map(JournalEntry::hash)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void receiptOfAnX402SettlementNamesItsPaymentChainTransactionAndSettlingJournalEntry() {
        world.clock.advance(Duration.ofMillis(1_750));
        PaidHire hired = paidAndSettled("pay-1", "1");

        SignedReceipt signed = receipts.receiptOf(hired.transaction().id());

        SettlementReceipt receipt = signed.receipt();
        assertThat(signed.signer()).isEqualTo(RecordingSigner.ADDRESS);
        assertThat(receipt.transactionId()).isEqualTo(hired.transaction().id());
        assertThat(receipt.payer()).isEqualTo(PAYER);
        assertThat(receipt.provider()).isEqualTo(PROVIDER);
        assertThat(receipt.capability()).isEqualTo(Capability.of("python"));
        assertThat(receipt.paid()).isEqualTo(Money.of("1.50", "USDC"));
        assertThat(receipt.refunded())
                .isEqualTo(Money.zero(Money.of("1.50", "USDC").currency()));
        assertThat(receipt.method()).isInstanceOf(SettlementMethod.X402.class);
        assertThat(((SettlementMethod.X402) receipt.method()).chainTransaction())
                .isEqualTo(TX_HASH);
        assertThat(receipt.settledAt()).isEqualTo(Instant.parse("2026-11-26T08:00:01Z"));
        assertThat(receipt.journalHash())
                .isEqualTo(settleEntryHash(hired.transaction().id()));
        OnChainPayment payment = receipt.payment().orElseThrow();
        assertThat(payment.payer()).isEqualTo(ScriptedVerifier.PAYER_WALLET);
        assertThat(payment.payTo()).isEqualTo(Agents.WALLET);
        assertThat(payment.asset()).isEqualTo(PaymentSettings.DEFAULTS.asset());
        assertThat(payment.network()).isEqualTo("eip155:84532");
        assertThat(payment.nonce()).isEqualTo("0x" + "1".repeat(64));
    }

    @Test
    void receiptOfAHireSettledByHandIsOffChainWithThePayersReferenceAndNoChainTransaction() {
        Transaction settled = manuallySettled("wire-2026-11-26");

        SettlementReceipt receipt = receipts.receiptOf(settled.id()).receipt();

        assertThat(receipt.method()).isEqualTo(new SettlementMethod.OffChain(Optional.of("wire-2026-11-26")));
        assertThat(receipt.method().code()).isEqualTo("off-chain");
        assertThat(receipt.payment()).isEmpty();
        assertThat(receipt.paid()).isEqualTo(Money.of("2.00", "USDC"));
        assertThat(receipt.journalHash()).isEqualTo(settleEntryHash(settled.id()));
    }

    @Test
    void receiptOfAPartiallyRefundedHireShowsWhatWasPaidRefundedAndKept() {
        PaidHire hired = paidAndSettled("pay-3", "3");
        TransactionId id = hired.transaction().id();
        SettlementReceipt before = receipts.receiptOf(id).receipt();

        world.ledger.markDisputed(id, PAYER, "half the work delivered", world.clock.instant());
        world.clock.advance(Duration.ofHours(1));
        world.ledger.resolveDispute(
                id,
                new DisputeOutcome.PartialRefund(Money.of("0.60", "USDC")),
                Actor.operator("ops"),
                "partial refund",
                world.clock.instant());
        SettlementReceipt after = receipts.receiptOf(id).receipt();

        assertThat(before.refunded().isZero()).isTrue();
        assertThat(after.paid()).isEqualTo(Money.of("1.50", "USDC"));
        assertThat(after.refunded()).isEqualTo(Money.of("0.60", "USDC"));
        assertThat(after.net()).isEqualTo(Money.of("0.90", "USDC"));
        assertThat(after.method()).isEqualTo(before.method());
        assertThat(after.journalHash()).isEqualTo(before.journalHash());
    }

    @Test
    void receiptOfAFullyRefundedHireShowsTheWholeAmountRefunded() {
        Transaction settled = manuallySettled(null);

        world.ledger.markDisputed(settled.id(), PAYER, "work not delivered", world.clock.instant());
        world.clock.advance(Duration.ofHours(1));
        world.ledger.resolveDispute(
                settled.id(), new DisputeOutcome.FullRefund(), Actor.operator("ops"), "refund", world.clock.instant());
        SettlementReceipt receipt = receipts.receiptOf(settled.id()).receipt();

        assertThat(receipt.refunded()).isEqualTo(Money.of("2.00", "USDC"));
        assertThat(receipt.net().isZero()).isTrue();
        assertThat(receipt.method()).isEqualTo(new SettlementMethod.OffChain(Optional.empty()));
    }

    @Test
    void findGivesTheReceiptOfASettledHireAndNothingForAPendingOne() {
        Transaction settled = manuallySettled("ref-1");
        Transaction pending = world.ledger
                .hire(world.request("orchestrator", "py-expert", "python", "1.50"))
                .transaction();

        assertThat(receipts.find(settled)).contains(receipts.receiptOf(settled.id()));
        assertThat(receipts.find(pending)).isEmpty();
    }

    @Test
    void pendingOrCancelledTransactionHasNoReceipt() {
        Transaction pending = world.ledger
                .hire(world.request("orchestrator", "py-expert", "python", "1.50"))
                .transaction();
        Transaction cancelled = world.ledger.cancel(
                world.ledger
                        .hire(world.request("orchestrator", "py-expert", "python", "1.50"))
                        .transaction()
                        .id(),
                Actor.agent(PAYER));

        assertThatThrownBy(() -> receipts.receiptOf(pending.id()))
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code())
                .isEqualTo(ErrorCode.RECEIPT_NOT_FOUND);
        assertThatThrownBy(() -> receipts.receiptOf(cancelled.id()))
                .extracting(e -> ((DomainException) e).code())
                .isEqualTo(ErrorCode.RECEIPT_NOT_FOUND);
        assertThatThrownBy(() -> receipts.receiptOf(TransactionId.of("00000000-0000-0000-0000-00000000dead")))
                .extracting(e -> ((DomainException) e).code())
                .isEqualTo(ErrorCode.TRANSACTION_NOT_FOUND);
    }

    @Test
    void exportHandsOverTheReceiptOfEverySettledTransactionInHistoryOrderAndCountsThem() {
        Transaction first = manuallySettled(null);
        world.ledger.hire(world.request("orchestrator", "py-expert", "python", "1.50"));
        world.clock.advance(Duration.ofSeconds(1));
        PaidHire second = paidAndSettled("pay-2", "2");
        List<SignedReceipt> exported = new ArrayList<>();

        long count = receipts.export(TransactionFilter.ALL, exported::add);

        assertThat(count).isEqualTo(2);
        assertThat(exported)
                .extracting(signed -> signed.receipt().transactionId())
                .containsExactly(first.id(), second.transaction().id());
        assertThat(receipts.signer()).isEqualTo(RecordingSigner.ADDRESS);
    }
}
