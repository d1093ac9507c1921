package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.KeysetPages;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads the ledger: one transaction in full, history pages, and exports. */
public final class TransactionQueries {
    public static final int MAX_PAGE_SIZE = 200;

    private final TransactionRepository transactions;
    private final JournalRepository journal;

    public TransactionQueries(TransactionRepository transactions, JournalRepository journal) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /** The transaction with its timeline and the journal entries (and so postings) that moved its money. */
    public TransactionDetails get(TransactionId id) {
        Transaction tx = transactions
                .findById(id)
                .orElseThrow(() ->
                        new NotFoundException(ErrorCode.TRANSACTION_NOT_FOUND, "no transaction has id '" + id + "'"));
        return new TransactionDetails(tx, journal.entriesOf(id));
    }

    /**
     * The payer and provider of the transaction, in that order: what deciding who may see or move it
     * needs, read without its timeline or journal entries.
     *
     * @throws NotFoundException with {@code TRANSACTION_NOT_FOUND} when there is none
     */
    public List<AgentId> parties(TransactionId id) {
        List<AgentId> parties = transactions.partiesOf(id);
        if (parties.isEmpty()) {
            throw new NotFoundException(ErrorCode.TRANSACTION_NOT_FOUND, "no transaction has id '" + id + "'");
        }
        return parties;
    }

    /** The balance of {@code account} per currency it was ever posted in, derived from the journal's postings. */
    public Map<Currency, Money> balanceOf(Account account) {
        return journal.balanceOf(account);
    }

    /** A page of history in creation order; pass the returned cursor to get the next page. */
    public TransactionPage history(TransactionFilter filter, Optional<String> cursor, int limit) {
        return KeysetPages.read(
                limit,
                MAX_PAGE_SIZE,
                rows -> transactions.history(filter, cursor.map(HistoryCursor::decode), rows),
                last -> HistoryCursor.of(last).encode(),
                TransactionPage::new);
    }

    /** A page of history newest first; pass the returned cursor to get the next (older) page. */
    public TransactionPage recent(TransactionFilter filter, Optional<String> cursor, int limit) {
        return KeysetPages.read(
                limit,
                MAX_PAGE_SIZE,
                rows -> transactions.recent(filter, cursor.map(HistoryCursor::decode), rows),
                last -> HistoryCursor.of(last).encode(),
                TransactionPage::new);
    }

    /**
     * Hands every matching transaction to {@code sink} in history order, one page at a time, so an
     * export of any size never holds more than a page.
     *
     * @return how many transactions were exported
     */
    public long export(TransactionFilter filter, Consumer<Transaction> sink) {
        long count = 0;
        Optional<String> cursor = Optional.empty();
        do {
            TransactionPage page = history(filter, cursor, MAX_PAGE_SIZE);
            page.transactions().forEach(sink);
            count += page.transactions().size();
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return count;
    }
}
