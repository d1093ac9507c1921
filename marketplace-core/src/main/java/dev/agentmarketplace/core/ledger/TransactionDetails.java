package dev.agentmarketplace.core.ledger;

import java.util.List;
import java.util.Objects;

/** A transaction with its timeline (inside it) and the journal entries that moved its money. */
public record TransactionDetails(Transaction transaction, List<JournalEntry> entries) {
    public TransactionDetails {
        Objects.requireNonNull(transaction, "transaction");
        entries = List.copyOf(entries);
    }

    public List<Posting> postings() {
        return entries.stream().flatMap(entry -> entry.postings().stream()).toList();
    }
}
