package dev.agentmarketplace.core.ledger;

/**
 * Port: what the ledger tells observers (metrics, say) after a transaction has moved. The move is
 * the last step of {@code transaction.timeline()}; a hire is the step into PENDING. Calls come after
 * the ledger's own unit of work returns; an enclosing one may still roll back, so observers count,
 * they never decide.
 */
public interface LedgerEvents {
    LedgerEvents NONE = new LedgerEvents() {};

    default void transactionMoved(Transaction transaction) {}
}
