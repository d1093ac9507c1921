package dev.agentmarketplace.persistence.ledger;

import static dev.agentmarketplace.core.testing.LedgerContractData.T0;
import static dev.agentmarketplace.core.testing.LedgerContractData.key;
import static dev.agentmarketplace.core.testing.LedgerContractData.moved;
import static dev.agentmarketplace.core.testing.LedgerContractData.pending;
import static dev.agentmarketplace.core.testing.LedgerContractData.txId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.HistoryCursor;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.PartyRole;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.testing.TransactionRepositoryContract;
import dev.agentmarketplace.persistence.Sql;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.registry.PanacheAgentRepository;
import dev.agentmarketplace.persistence.testing.LedgerTables;
import dev.agentmarketplace.persistence.testing.RawSql;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transaction port on H2: the core's {@link TransactionRepositoryContract}, plus the checks the
 * database adds. {@link PanacheTransactionRepositoryOnPostgresIT} reruns it all on PostgreSQL.
 */
@QuarkusTest
class PanacheTransactionRepositoryIT extends TransactionRepositoryContract {
    private static final String VALID_ROW_COLUMNS =
            "id, payer_id, provider_id, capability, amount, currency, context, idempotency_key, state, created_at";

    @Inject
    PanacheTransactionRepository transactions;

    @Inject
    PanacheAgentRepository agents;

    @Inject
    TransactionalUnitOfWork unitOfWork;

    @Inject
    DataSource dataSource;

    /** Each test gets an empty database on first use; the contract's own setup is the first user. */
    private boolean emptied;

    private void fresh() {
        if (!emptied) {
            LedgerTables.empty(dataSource);
            emptied = true;
        }
    }

    @AfterEach
    void leaveNothingBehind() {
        LedgerTables.empty(dataSource);
    }

    @Override
    protected UnitOfWork unitOfWork() {
        fresh();
        return unitOfWork;
    }

    @Override
    protected AgentRepository agents() {
        fresh();
        return agents;
    }

    @Override
    protected TransactionRepository transactions() {
        fresh();
        return transactions;
    }

    @Test
    void concurrentAddsUnderOnePayersKeyLetExactlyOneWin() throws Exception {
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                // A different id each, one idempotency key: retries of one hire racing on several replicas.
                Transaction retry = withKey(pending(100 + i, "alice", "bob", "python", "2.50", T0), key(1));
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        unitOfWork.run(() -> transactions.add(retry));
                        return true;
                    } catch (ConflictException e) {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION);
                        return false;
                    }
                }));
            }
            start.countDown();

            int winners = 0;
            for (Future<Boolean> outcome : outcomes) {
                winners += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(transactions.history(TransactionFilter.ALL, Optional.empty(), 100))
                    .hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every hire of bob counts at the minute of T0; taking one back twice would hide a live hire. */
    @Test
    void aCancelTakesItsHireBackFromTheLoadCountersOnce() {
        Transaction first = pending(1, "alice", "bob", "python", "2.50", T0);
        unitOfWork.run(() -> {
            transactions.add(first);
            transactions.add(pending(2, "carol", "bob", "python", "2.50", T0.plusSeconds(1)));
        });
        assertThat(hiresCountedFor("bob", T0)).isEqualTo(2);

        Transaction cancelled = unitOfWork.execute(() -> transactions.update(
                moved(first, TransactionState.CANCELLED, Actor.operator("o"), T0, Optional.empty(), Optional.empty())));
        assertThat(hiresCountedFor("bob", T0)).isEqualTo(1);

        // Stored again as it is, and a stale second cancel: neither takes anything back.
        Transaction again = unitOfWork.execute(() -> transactions.update(cancelled));
        assertThatThrownBy(() -> unitOfWork.run(() -> transactions.update(moved(
                        first,
                        TransactionState.CANCELLED,
                        Actor.operator("o"),
                        T0,
                        Optional.empty(),
                        Optional.empty()))))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION));

        assertThat(hiresCountedFor("bob", T0)).isEqualTo(1);
        assertThat(again.version()).isEqualTo(2);
        assertThat(transactions.findById(first.id())).contains(again);
        assertThat(again.timeline()).hasSize(2);
    }

    @Test
    void updateOfATransactionNeverStoredIsAnError() {
        Transaction never = pending(1, "alice", "bob", "python", "2.50", T0);

        assertThatThrownBy(() -> unitOfWork.run(() -> transactions.update(never)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(never.id().value());
        assertThat(transactions.findById(never.id())).isEmpty();
    }

    @Test
    void historyOfEitherSidePagesThroughBothSidesInOrder() {
        AgentId alice = AgentId.of("alice");
        List<Transaction> stored = List.of(
                pending(1, "alice", "bob", "python", "1.00", T0),
                pending(2, "bob", "alice", "python", "1.00", T0.plusSeconds(1)),
                pending(3, "carol", "alice", "python", "1.00", T0.plusSeconds(2)),
                pending(4, "alice", "carol", "python", "1.00", T0.plusSeconds(3)),
                pending(5, "bob", "carol", "python", "1.00", T0.plusSeconds(4)),
                pending(6, "alice", "bob", "python", "1.00", T0.plusSeconds(5)));
        unitOfWork.run(() -> stored.forEach(transactions::add));
        TransactionFilter filter = TransactionFilter.ALL.withAgent(alice, PartyRole.EITHER);

        List<TransactionId> seen = new ArrayList<>();
        Optional<HistoryCursor> cursor = Optional.empty();
        for (List<Transaction> page = transactions.history(filter, cursor, 2);
                !page.isEmpty();
                page = transactions.history(filter, cursor, 2)) {
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            page.forEach(tx -> seen.add(tx.id()));
            cursor = Optional.of(HistoryCursor.of(page.getLast()));
        }

        assertThat(seen).containsExactly(txId(1), txId(2), txId(3), txId(4), txId(6));
    }

    @Test
    void databaseRefusesAnAmountThatIsNotPositive() {
        RawSql.assertRefusedBy(dataSource, "ledger_transaction_amount_positive", validRowWith("amount", "0"));
    }

    @Test
    void databaseRefusesAStateTheDomainDoesNotKnow() {
        RawSql.assertRefusedBy(dataSource, "ledger_transaction_state_known", validRowWith("state", "'LOST'"));
    }

    @Test
    void databaseRefusesAPayerThatIsNotAnAgent() {
        RawSql.assertRefusedBy(dataSource, "ledger_transaction_payer_fk", validRowWith("payer_id", "'nobody'"));
    }

    @Test
    void databaseRefusesASecondUseOfAPayersIdempotencyKey() throws SQLException {
        RawSql.execute(dataSource, validRowWith("id", "'00000000-0000-4000-8000-000000000001'"));

        RawSql.assertRefusedBy(
                dataSource,
                "ledger_transaction_payer_key_unique",
                validRowWith("id", "'00000000-0000-4000-8000-000000000002'"));
    }

    private long hiresCountedFor(String provider, Instant minute) {
        return unitOfWork.execute(() -> ((Number) Panache.getEntityManager()
                        .createNativeQuery(
                                "SELECT COALESCE(SUM(hires), 0) FROM provider_load WHERE provider_id = ?1 AND bucket_start = ?2")
                        .setParameter(1, provider)
                        .setParameter(2, Sql.timestamp(minute))
                        .getSingleResult())
                .longValue());
    }

    private static Transaction withKey(Transaction tx, IdempotencyKey key) {
        return new Transaction(
                tx.id(),
                tx.payer(),
                tx.provider(),
                tx.capability(),
                tx.amount(),
                tx.context(),
                key,
                tx.state(),
                tx.timeline(),
                tx.settlementReference(),
                tx.outcome(),
                tx.version());
    }

    /** An INSERT of a row every check accepts, except for the one column replaced. */
    private static String validRowWith(String column, String value) {
        String[] columns = VALID_ROW_COLUMNS.split(",\\s*");
        String[] values = {
            "'00000000-0000-4000-8000-000000000009'",
            "'alice'",
            "'bob'",
            "'python'",
            "1.5",
            "'USDC'",
            "''",
            "'raw-key-0000000000'",
            "'PENDING'",
            "CURRENT_TIMESTAMP"
        };
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].equals(column)) {
                values[i] = value;
            }
        }
        return "INSERT INTO ledger_transaction (" + VALID_ROW_COLUMNS + ") VALUES (" + String.join(", ", values) + ")";
    }
}
