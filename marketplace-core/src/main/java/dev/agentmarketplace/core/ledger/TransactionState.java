package dev.agentmarketplace.core.ledger;

/**
 * Lifecycle of a hire: PENDING → SETTLED | CANCELLED | DISPUTED; SETTLED → DISPUTED;
 * DISPUTED → RESOLVED. CANCELLED and RESOLVED are final.
 */
public enum TransactionState {
    PENDING,
    SETTLED,
    CANCELLED,
    DISPUTED,
    RESOLVED
}
