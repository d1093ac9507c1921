package dev.agentmarketplace.dashboard.transactions;

import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.ledger.LedgerMove;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionDetails;
import dev.agentmarketplace.core.payment.Payment;
import dev.agentmarketplace.core.payment.SignedReceipt;
import dev.agentmarketplace.core.registry.Agent;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the transaction page shows: the transaction with its timeline and journal, its parties,
 * its x402 payment and signed receipt when it has them, its dispute, and the moves the ledger allows
 * the operator looking at it ({@code Ledger.allowedMoves}; empty for a reader who may not change).
 */
public record TransactionSheet(
        TransactionDetails details,
        Agent payer,
        Agent provider,
        Optional<Payment> payment,
        Optional<SignedReceipt> receipt,
        Optional<Dispute> dispute,
        Set<LedgerMove> allowed) {

    public Transaction transaction() {
        return details.transaction();
    }

    public boolean canSettle() {
        return allowed.contains(LedgerMove.SETTLE);
    }

    public boolean canCancel() {
        return allowed.contains(LedgerMove.CANCEL);
    }

    /** Resolving goes through the dispute's page, where the decision is made. */
    public boolean canResolve() {
        return allowed.contains(LedgerMove.RESOLVE) && dispute.isPresent();
    }

    public boolean hasActions() {
        return canSettle() || canCancel() || canResolve();
    }
}
