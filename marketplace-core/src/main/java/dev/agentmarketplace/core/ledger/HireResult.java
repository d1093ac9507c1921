package dev.agentmarketplace.core.ledger;

import java.util.Objects;

/** A hire's transaction, and whether this call created it or replayed an earlier one with the same key. */
public record HireResult(Transaction transaction, boolean created) {
    public HireResult {
        Objects.requireNonNull(transaction, "transaction");
    }
}
