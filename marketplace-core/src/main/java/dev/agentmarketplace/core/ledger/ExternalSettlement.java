package dev.agentmarketplace.core.ledger;

/**
 * Port: whether something outside the ledger alone decides how a PENDING transaction ends. A hire
 * paid through x402 settles when the facilitator confirms its payment and is voided when the
 * facilitator refuses it; no one may settle, cancel or dispute it before that, and its hold does not
 * time out, because money may already be on its way on chain.
 */
@FunctionalInterface
public interface ExternalSettlement {
    ExternalSettlement NONE = transaction -> false;

    /** Called inside the ledger's unit of work, with the transaction PENDING. */
    boolean decides(TransactionId transaction);
}
