package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.registry.AgentId;
import java.util.List;
import java.util.Optional;

/** Port: where transactions are kept. */
public interface TransactionRepository {
    Optional<Transaction> findById(TransactionId id);

    /**
     * The payer and provider of transaction {@code id}, in that order; empty when there is none. The
     * ledger locks these agents before it reads the transaction itself (lock order, see the core's
     * README), so an adapter with a session cache should not cache the transaction here: the read
     * after the locks must see what the previous lock holder committed.
     */
    default List<AgentId> partiesOf(TransactionId id) {
        return findById(id).map(tx -> List.of(tx.payer(), tx.provider())).orElse(List.of());
    }

    /** The transaction {@code payer} created with {@code key}: keys are scoped per payer. */
    Optional<Transaction> findByIdempotencyKey(AgentId payer, IdempotencyKey key);

    /**
     * Stores a new transaction (its version is 0).
     *
     * @throws dev.agentmarketplace.core.ConflictException with {@code CONCURRENT_MODIFICATION} when
     *     the id, or the payer's idempotency key, is already taken (a concurrent retry on another
     *     replica got there first; retrying returns its transaction)
     */
    void add(Transaction transaction);

    /**
     * Replaces a stored transaction and returns it with its version increased by one.
     *
     * @throws dev.agentmarketplace.core.ConflictException with {@code CONCURRENT_MODIFICATION} when
     *     the stored version is no longer {@code transaction.version()}
     */
    Transaction update(Transaction transaction);

    /**
     * Transactions matching {@code filter}, ordered by creation time then id ({@link
     * HistoryCursor#ORDER}), strictly after {@code after} when given, at most {@code limit}.
     */
    List<Transaction> history(TransactionFilter filter, Optional<HistoryCursor> after, int limit);

    /**
     * Like {@link #history}, newest first ({@link HistoryCursor#NEWEST_FIRST}): transactions matching
     * {@code filter}, strictly before {@code before} in history order when given, at most {@code
     * limit}. Operators read the market from its latest hire backwards.
     */
    List<Transaction> recent(TransactionFilter filter, Optional<HistoryCursor> before, int limit);
}
