package dev.agentmarketplace.persistence.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.idempotency.IdempotencyRecord;
import dev.agentmarketplace.core.idempotency.IdempotencyRecords;
import dev.agentmarketplace.core.testing.IdempotencyRecordsContract;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.testing.RawSql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The idempotency records on H2: the core's {@link IdempotencyRecordsContract}, races included, plus
 * a claim waiting on another transaction's uncommitted claim of its key, and what the database
 * refuses. {@link PanacheIdempotencyRecordsOnPostgresIT} reruns it on PostgreSQL.
 */
@QuarkusTest
class PanacheIdempotencyRecordsIT extends IdempotencyRecordsContract {
    private static final String CLAIM =
            "INSERT INTO idempotency_record (caller, idempotency_key, fingerprint, claimed_at"
                    + ", response_status, content_type, body, location) VALUES ('alice', 'raw-sql-key-0000001', '"
                    + "a".repeat(64) + "', CURRENT_TIMESTAMP, ";

    private static final String KEY = "open-claim-key-00001";
    private static final String FIRST = "c".repeat(64);
    private static final String SECOND = "d".repeat(64);
    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
    private static final Duration SHORT_WAIT = Duration.ofMillis(300);

    @Inject
    PanacheIdempotencyRecords records;

    @Inject
    TransactionalUnitOfWork transactions;

    @Inject
    DataSource dataSource;

    @Override
    protected IdempotencyRecords records() {
        try {
            RawSql.execute(dataSource, "DELETE FROM idempotency_record");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return records;
    }

    @Override
    protected UnitOfWork unitOfWork() {
        return transactions;
    }

    @Test
    void claimWaitsForAnUncommittedClaimOnItsKeyAndIsRefusedOnceThatCommits() throws Exception {
        assertThat(secondClaimWhileTheFirstIsOpen(false)).isFalse();
        assertThat(transactions.execute(() -> records.find("alice", KEY)))
                .hasValueSatisfying(found -> assertThat(found.fingerprint()).isEqualTo(FIRST));
    }

    @Test
    void claimWaitsForAnUncommittedClaimOnItsKeyAndIsStoredOnceThatRollsBack() throws Exception {
        assertThat(secondClaimWhileTheFirstIsOpen(true)).isTrue();
        assertThat(transactions.execute(() -> records.find("alice", KEY)))
                .hasValueSatisfying(found -> assertThat(found.fingerprint()).isEqualTo(SECOND));
    }

    @Test
    void claimThatWaitedLongerThanItsWaitIsInProgress() throws Exception {
        records();
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = first.submit(() -> transactions.run(() -> {
                records.claim(IdempotencyRecord.claim("alice", KEY, FIRST, T0), WAIT);
                claimed.countDown();
                await(finish);
            }));
            await(claimed);

            assertThatThrownBy(() -> transactions.run(
                            () -> records.claim(IdempotencyRecord.claim("alice", KEY, SECOND, T0), SHORT_WAIT)))
                    .isInstanceOfSatisfying(
                            ConflictException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_IN_PROGRESS));
            finish.countDown();
            holder.get(30, TimeUnit.SECONDS);
        } finally {
            finish.countDown();
            first.shutdownNow();
        }
        // The lock timeout was the claim's alone: the connection is back to its usual one.
        assertThat(transactions.execute(
                        () -> records.claim(IdempotencyRecord.claim("alice", "another-key-00000001", FIRST, T0), WAIT)))
                .isTrue();
    }

    /**
     * A first claim stays open in its own transaction while a second claim of the same key waits;
     * then the first commits or rolls back. Returns what the second claim answered.
     */
    private boolean secondClaimWhileTheFirstIsOpen(boolean firstRollsBack) throws Exception {
        records();
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> holder = threads.submit(() -> {
                try {
                    transactions.run(() -> {
                        records.claim(IdempotencyRecord.claim("alice", KEY, FIRST, T0), WAIT);
                        claimed.countDown();
                        await(finish);
                        if (firstRollsBack) {
                            throw new IllegalStateException("the first request dies");
                        }
                    });
                } catch (IllegalStateException expected) {
                    // rolled back
                }
            });
            await(claimed);
            Future<Boolean> second = threads.submit(() -> transactions.execute(
                    () -> records.claim(IdempotencyRecord.claim("alice", KEY, SECOND, T0.plusSeconds(1)), WAIT)));

            assertThatThrownBy(() -> second.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            finish.countDown();
            holder.get(30, TimeUnit.SECONDS);
            return second.get(30, TimeUnit.SECONDS);
        } finally {
            finish.countDown();
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void databaseRefusesAResponseThatIsNotASuccess() {
        records();
        RawSql.assertRefusedBy(
                dataSource, "idempotency_record_response_is_success", CLAIM + "500, 'text/plain', 'boom', NULL)");
    }

    @Test
    void databaseRefusesHalfAResponse() {
        records();
        RawSql.assertRefusedBy(
                dataSource, "idempotency_record_response_whole", CLAIM + "201, 'application/json', NULL, NULL)");
    }

    @Test
    void databaseRefusesAFingerprintThatIsNotSha256() {
        records();
        RawSql.assertRefusedBy(
                dataSource,
                "idempotency_record_fingerprint_is_sha256",
                CLAIM.replace("a".repeat(64), "not-a-digest") + "NULL, NULL, NULL, NULL)");
    }
}
