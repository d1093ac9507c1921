package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.EntryKind;
import dev.agentmarketplace.core.ledger.JournalEntry;
import dev.agentmarketplace.core.ledger.JournalRepository;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.WalletAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The platform-signed receipt of every settled transaction. Receipts are derived, not stored: a
 * receipt holds what the settlement fixed (the transaction, its x402 payment or the off-chain
 * settler's reference, the journal entry that posted it) and what a resolved dispute refunded, and
 * signing is deterministic, so asking twice gives the same bytes until a dispute refunds the payer.
 */
public final class SettlementReceipts {
    private final TransactionRepository transactions;
    private final TransactionQueries queries;
    private final JournalRepository journal;
    private final PaymentRepository payments;
    private final UnitOfWork unitOfWork;
    private final ReceiptSigner signer;

    public SettlementReceipts(
            TransactionRepository transactions,
            TransactionQueries queries,
            JournalRepository journal,
            PaymentRepository payments,
            UnitOfWork unitOfWork,
            ReceiptSigner signer) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    public WalletAddress signer() {
        return signer.address();
    }

    /**
     * The signed receipt of transaction {@code id}.
     *
     * @throws NotFoundException with {@code TRANSACTION_NOT_FOUND}, or {@code RECEIPT_NOT_FOUND} when
     *     it has never been settled
     */
    public SignedReceipt receiptOf(TransactionId id) {
        Transaction tx = unitOfWork
                .execute(() -> transactions.findById(id))
                .orElseThrow(() ->
                        new NotFoundException(ErrorCode.TRANSACTION_NOT_FOUND, "no transaction has id '" + id + "'"));
        return receiptOf(tx)
                .map(signer::sign)
                .orElseThrow(() -> new NotFoundException(
                        ErrorCode.RECEIPT_NOT_FOUND,
                        "transaction '" + id + "' is " + tx.state() + " and was never settled: it has no receipt"));
    }

    /**
     * The signed receipt of {@code transaction} as it stands, for a page that shows a transaction
     * whatever its state: empty when it has never been settled.
     */
    public Optional<SignedReceipt> find(Transaction transaction) {
        return receiptOf(transaction).map(signer::sign);
    }

    /**
     * Hands the signed receipt of every settled transaction {@code filter} selects to {@code sink},
     * in history order, a page at a time.
     *
     * @return how many receipts were exported
     */
    public long export(TransactionFilter filter, Consumer<SignedReceipt> sink) {
        long[] count = {0};
        queries.export(
                filter,
                tx -> receiptOf(tx).map(signer::sign).ifPresent(receipt -> {
                    sink.accept(receipt);
                    count[0]++;
                }));
        return count[0];
    }

    /** What a dispute gave back to the payer; zero while none has been resolved. */
    private static Money refunded(Transaction tx) {
        Money none = Money.zero(tx.amount().currency());
        return tx.outcome()
                .map(outcome -> switch (outcome) {
                    case DisputeOutcome.ProviderUpheld upheld -> none;
                    case DisputeOutcome.FullRefund full -> tx.amount();
                    case DisputeOutcome.PartialRefund(Money refund) -> refund;
                })
                .orElse(none);
    }

    private Optional<SettlementReceipt> receiptOf(Transaction tx) {
        Optional<Instant> settledAt = tx.settledAt();
        if (settledAt.isEmpty()) {
            return Optional.empty();
        }
        return unitOfWork.execute(() -> {
            String journalHash = journal.entriesOf(tx.id()).stream()
                    .filter(entry -> entry.kind() == EntryKind.SETTLE)
                    .map(JournalEntry::hash)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "settled transaction '" + tx.id() + "' has no SETTLE journal entry"));
            // Settled through x402 only if its payment settled; otherwise someone settled it by hand,
            // and the reference they gave is theirs, not a chain transaction.
            SettlementMethod method = payments.findByTransaction(tx.id())
                    .filter(paid -> paid.state() == PaymentState.SETTLED)
                    .<SettlementMethod>map(paid -> new SettlementMethod.X402(
                            OnChainPayment.of(paid),
                            paid.facilitatorTransaction()
                                    .or(tx::settlementReference)
                                    .orElseThrow()))
                    .orElseGet(() -> new SettlementMethod.OffChain(tx.settlementReference()));
            return Optional.of(new SettlementReceipt(
                    tx.id(),
                    tx.payer(),
                    tx.provider(),
                    tx.capability(),
                    tx.amount(),
                    refunded(tx),
                    method,
                    settledAt.get(),
                    journalHash));
        });
    }
}
