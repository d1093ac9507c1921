package dev.agentmarketplace.core.ledger;

import java.util.Optional;

/** Port: where transactions are kept. */
public interface TransactionRepository {
    Optional<Transaction> findById(TransactionId id);
}
