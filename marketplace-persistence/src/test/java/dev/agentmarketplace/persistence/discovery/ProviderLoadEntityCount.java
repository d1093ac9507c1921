package dev.agentmarketplace.persistence.discovery;

import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import io.quarkus.hibernate.orm.panache.Panache;

/** Counts the rows of {@code provider_load}, which has no entity: only native SQL writes it. */
final class ProviderLoadEntityCount {
    private ProviderLoadEntityCount() {}

    static long rows(TransactionalUnitOfWork transactions) {
        return transactions.execute(() -> ((Number) Panache.getEntityManager()
                        .createNativeQuery("SELECT COUNT(*) FROM provider_load")
                        .getSingleResult())
                .longValue());
    }
}
