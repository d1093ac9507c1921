package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.ledger.Transaction;
import java.util.Objects;

/**
 * A hire and its x402 payment, as they stand.
 *
 * @param created false when this answers a retry of an earlier hire
 */
public record PaidHire(Transaction transaction, Payment payment, boolean created) {
    public PaidHire {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(payment, "payment");
        if (!payment.transactionId().equals(transaction.id())) {
            throw new IllegalArgumentException(
                    "payment of " + payment.transactionId() + " is not that of " + transaction.id());
        }
    }
}
