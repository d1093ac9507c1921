package dev.agentmarketplace.persistence.ledger;

import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.EntryKind;
import dev.agentmarketplace.core.ledger.JournalEntry;
import dev.agentmarketplace.core.ledger.Posting;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import java.util.UUID;

/** Explicit mapping between the core's {@link JournalEntry} and its rows; the hashes are copied, never recomputed. */
final class JournalMapper {
    private JournalMapper() {}

    static JournalEntryEntity toEntity(JournalEntry entry) {
        JournalEntryEntity entity = new JournalEntryEntity();
        entity.sequence = entry.sequence();
        entity.id = entry.id().toString();
        entity.transactionId = entry.transactionId().value();
        entity.kind = entry.kind().name();
        entity.at = entry.at();
        entity.previousHash = entry.previousHash();
        entity.hash = entry.hash();
        for (Posting posting : entry.postings()) {
            PostingRow row = new PostingRow();
            row.account = posting.account().name();
            row.currency = posting.amount().currency().code();
            row.amount = posting.amount().amount();
            entity.postings.add(row);
        }
        return entity;
    }

    static JournalEntry toDomain(JournalEntryEntity entity) {
        return new JournalEntry(
                entity.sequence,
                UUID.fromString(entity.id),
                TransactionId.of(entity.transactionId),
                EntryKind.valueOf(entity.kind),
                entity.at,
                entity.postings.stream()
                        .map(row -> new Posting(
                                Account.parse(row.account), Money.of(row.amount, Currency.of(row.currency))))
                        .toList(),
                entity.previousHash,
                entity.hash);
    }
}
