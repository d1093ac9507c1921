package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.ledger.HistoryCursor;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.registry.AgentId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The transaction port in memory, joining the in-memory unit of work's rollback. */
public final class InMemoryTransactionRepository implements TransactionRepository {
    private final Map<TransactionId, Transaction> transactions = new ConcurrentHashMap<>();
    private final InMemoryUnitOfWork unitOfWork;

    public InMemoryTransactionRepository(InMemoryUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    @Override
    public Optional<Transaction> findById(TransactionId id) {
        return Optional.ofNullable(transactions.get(id));
    }

    @Override
    public Optional<Transaction> findByIdempotencyKey(AgentId payer, IdempotencyKey key) {
        return transactions.values().stream()
                .filter(tx -> tx.payer().equals(payer) && tx.idempotencyKey().equals(key))
                .findFirst();
    }

    @Override
    public synchronized void add(Transaction transaction) {
        if (transactions.containsKey(transaction.id())
                || findByIdempotencyKey(transaction.payer(), transaction.idempotencyKey())
                        .isPresent()) {
            throw new ConflictException(
                    ErrorCode.CONCURRENT_MODIFICATION,
                    "transaction '" + transaction.id() + "' or key '" + transaction.idempotencyKey() + "' of payer '"
                            + transaction.payer() + "' is already stored");
        }
        Transaction stored = withVersion(transaction, 0);
        transactions.put(stored.id(), stored);
        unitOfWork.onRollback(() -> transactions.remove(stored.id()));
    }

    @Override
    public synchronized Transaction update(Transaction transaction) {
        Transaction stored = transactions.get(transaction.id());
        if (stored == null) {
            throw new IllegalStateException("no transaction " + transaction.id() + " to update");
        }
        if (stored.version() != transaction.version()) {
            throw new ConflictException(
                    ErrorCode.CONCURRENT_MODIFICATION,
                    "transaction '" + transaction.id() + "' was changed by someone else; read it again and retry");
        }
        Transaction next = withVersion(transaction, transaction.version() + 1);
        transactions.put(next.id(), next);
        unitOfWork.onRollback(() -> transactions.put(stored.id(), stored));
        return next;
    }

    @Override
    public List<Transaction> history(TransactionFilter filter, Optional<HistoryCursor> after, int limit) {
        return transactions.values().stream()
                .filter(filter::matches)
                .filter(tx -> after.map(cursor -> cursor.precedes(tx)).orElse(true))
                .sorted(HistoryCursor.ORDER)
                .limit(limit)
                .toList();
    }

    @Override
    public List<Transaction> recent(TransactionFilter filter, Optional<HistoryCursor> before, int limit) {
        return transactions.values().stream()
                .filter(filter::matches)
                .filter(tx -> before.map(cursor -> cursor.follows(tx)).orElse(true))
                .sorted(HistoryCursor.NEWEST_FIRST)
                .limit(limit)
                .toList();
    }

    /** Every stored transaction, for the in-memory hire statistics. */
    List<Transaction> all() {
        return List.copyOf(transactions.values());
    }

    private static Transaction withVersion(Transaction tx, long version) {
        return new Transaction(
                tx.id(),
                tx.payer(),
                tx.provider(),
                tx.capability(),
                tx.amount(),
                tx.context(),
                tx.idempotencyKey(),
                tx.state(),
                tx.timeline(),
                tx.settlementReference(),
                tx.outcome(),
                version);
    }
}
