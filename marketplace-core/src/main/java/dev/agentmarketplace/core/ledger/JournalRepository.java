package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the append-only, hash-chained journal.
 *
 * <p>The core reads the head with {@link #lockHead()}, computes the next entry's hash from it and
 * appends, all in one unit of work. Adapters must serialize appends across every replica: {@code
 * lockHead} locks the head (a row lock, say) until the unit of work ends, and {@link #append}
 * refuses an entry that does not follow the stored head. Entries are never updated or deleted.
 */
public interface JournalRepository {
    /** The last entry's sequence and hash ({@link JournalHead#GENESIS} when empty), locked until the unit of work ends. */
    JournalHead lockHead();

    /**
     * Appends an entry.
     *
     * @throws dev.agentmarketplace.core.ConflictException with {@code CONCURRENT_MODIFICATION} when
     *     the entry's sequence is not the head's plus one or its previous hash is not the head's hash
     */
    void append(JournalEntry entry);

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
     * them as a rollup written with each {@link #append}, so a page costs its own rows, however long
     * the journal.
     */
    List<AccountBalance> balances(Optional<AccountBalance.Cursor> after, int limit);
}
