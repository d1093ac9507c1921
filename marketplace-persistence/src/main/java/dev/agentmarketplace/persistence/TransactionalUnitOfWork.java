package dev.agentmarketplace.persistence;

import dev.agentmarketplace.core.UnitOfWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * The core's unit of work as a JTA transaction: joins the caller's transaction or starts one, and
 * rolls it back when the work throws (JTA's rule for unchecked exceptions), so every repository
 * write inside commits together or not at all, and row locks are held until it ends.
 */
@ApplicationScoped
public class TransactionalUnitOfWork implements UnitOfWork {

    @Override
    @Transactional
    public <T> T execute(Supplier<T> work) {
        return work.get();
    }
}
