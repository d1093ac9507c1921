package dev.agentmarketplace.dashboard.payment;

/**
 * What an operator typed into one payment's reconciliation form, shown again with its error when it
 * was refused: the transaction it was for, the value, and the message for the chain transaction field.
 */
public record ReconcileForm(String transaction, String chainTransaction, String fieldError) {
    static final ReconcileForm NONE = new ReconcileForm("", "", null);

    public boolean isFor(String transactionId) {
        return transaction.equals(transactionId);
    }
}
