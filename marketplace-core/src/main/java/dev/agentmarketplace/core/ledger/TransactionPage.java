package dev.agentmarketplace.core.ledger;

import java.util.List;
import java.util.Optional;

/** One page of history; {@code nextCursor} is present when more transactions follow. */
public record TransactionPage(List<Transaction> transactions, Optional<String> nextCursor) {
    public TransactionPage {
        transactions = List.copyOf(transactions);
    }
}
