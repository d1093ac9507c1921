package dev.agentmarketplace.persistence;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.persistence.ledger.JournalChainer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * The core's unit of work as a JTA transaction: joins the caller's transaction or starts one, and
 * rolls it back when the work throws (JTA's rule for unchecked exceptions), so every repository
 * write inside commits together or not at all, and row locks are held until it ends. The one that
 * started the transaction, once committed, waits for the journal entries it queued to be chained
 * ({@link JournalChainer}), so its caller reads them.
 */
@ApplicationScoped
public class TransactionalUnitOfWork implements UnitOfWork {
    private final Transactions transactions;
    private final JournalChainer chainer;

    TransactionalUnitOfWork(Transactions transactions, JournalChainer chainer) {
        this.transactions = transactions;
        this.chainer = chainer;
    }

    @Override
    public <T> T execute(Supplier<T> work) {
        boolean outermost = !QuarkusTransaction.isActive();
        T result = transactions.required(work);
        if (outermost) {
            chainer.awaitRequestedRound();
        }
        return result;
    }

    /** The transaction boundary itself, a bean of its own so that its interceptor applies. */
    @ApplicationScoped
    static class Transactions {
        @Transactional
        <T> T required(Supplier<T> work) {
            return work.get();
        }
    }
}
