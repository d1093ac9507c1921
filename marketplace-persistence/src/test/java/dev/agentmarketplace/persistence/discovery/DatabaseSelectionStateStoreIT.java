package dev.agentmarketplace.persistence.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.discovery.SelectionStateStore;
import dev.agentmarketplace.core.testing.SelectionStateStoreContract;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The selection counters on H2: the core's {@link SelectionStateStoreContract}, its many-threaded
 * case included. {@link DatabaseSelectionStateStoreOnPostgresIT} reruns it on PostgreSQL.
 */
@QuarkusTest
class DatabaseSelectionStateStoreIT extends SelectionStateStoreContract {
    @Inject
    DatabaseSelectionStateStore store;

    @Inject
    TransactionalUnitOfWork transactions;

    @Override
    protected SelectionStateStore store() {
        transactions.run(() -> Panache.getEntityManager()
                .createNativeQuery("DELETE FROM selection_cursor")
                .executeUpdate());
        return store;
    }

    @Test
    void turnTakenInAFailedUnitOfWorkStaysTaken() {
        SelectionStateStore store = store();
        assertThatThrownBy(() -> transactions.run(() -> {
                    store.next("round-robin:python");
                    throw new IllegalStateException("the surrounding work fails");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store.next("round-robin:python")).isEqualTo(2);
    }
}
