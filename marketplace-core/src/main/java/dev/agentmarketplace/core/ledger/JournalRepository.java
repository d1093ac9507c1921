package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the append-only, hash-chained journal.
 *
 * <p>A move {@linkplain #enqueue queues} its entry in its own unit of work, without touching the
 * chain, so moves of different transactions never wait for one another. {@link JournalChain} links
 * queued entries into the chain in batches: it reads the head with {@link #lockHead()}, computes
 * each entry's hash from the one before, and {@linkplain #appendAll appends} them, all in one unit
 * of work. Adapters must serialize appends across every replica: {@code lockHead} locks the head (a
 * row lock, say) until the unit of work ends, and {@code appendAll} refuses entries that do not
 * follow the stored head. Chained entries are never updated or deleted.
 */
public interface JournalRepository {
    /**
     * Queues an entry in the current unit of work; it commits (or not) with the move it records.
     * Adapters chain it after that unit of work commits and before the outermost one returns to its
     * caller (see {@link JournalChain}), so whoever made the move reads its entry in the chain; if
     * chaining cannot finish in time, the entry stays queued and a later batch chains it.
     */
    void enqueue(UnchainedEntry entry);

    /** Queued entries, oldest first, at most {@code limit}. */
    List<UnchainedEntry> unchained(int limit);

    /** The last entry's sequence and hash ({@link JournalHead#GENESIS} when empty), locked until the unit of work ends. */
    JournalHead lockHead();

    /**
     * Appends entries in order and removes each from the queue if it was queued.
     *
     * @throws dev.agentmarketplace.core.ConflictException with {@code CONCURRENT_MODIFICATION} when
     *     the first entry's sequence is not the head's plus one or its previous hash is not the head's
     *     hash, or an entry does not follow the one before it
     */
    void appendAll(List<JournalEntry> entries);

    /** Appends one entry; see {@link #appendAll}. */
    default void append(JournalEntry entry) {
        appendAll(List.of(entry));
    }

    /** The entries of one transaction in sequence order. */
    List<JournalEntry> entriesOf(TransactionId transaction);

    /** Entries with a sequence greater than {@code sequence}, in sequence order, at most {@code limit}. */
    List<JournalEntry> entriesAfter(long sequence, int limit);

    /** The sum of every posting to {@code account}, per currency it was ever posted in. */
    Map<Currency, Money> balanceOf(Account account);

    /** The last entry's sequence and hash ({@link JournalHead#GENESIS} when empty), as committed, without a lock. */
    JournalHead head();

    /**
     * Balances in (account name, currency) order, strictly after {@code after} when given, at most
     * {@code limit}; every account and currency ever posted to, a zero balance included. Adapters keep
     * them as a rollup written with each {@link #appendAll}, so a page costs its own rows, however long
     * the journal.
     */
    List<AccountBalance> balances(Optional<AccountBalance.Cursor> after, int limit);
}
