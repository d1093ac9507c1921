package dev.agentmarketplace.persistence.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.idempotency.IdempotencyRecord;
import dev.agentmarketplace.core.idempotency.IdempotencyRecords;
import dev.agentmarketplace.core.testing.IdempotencyRecordsContract;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.testing.RawSql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The idempotency records on H2: the core's {@link IdempotencyRecordsContract}, races included, plus
 * what the database refuses. {@link PanacheIdempotencyRecordsOnPostgresIT} reruns it on PostgreSQL.
 */
@QuarkusTest
class PanacheIdempotencyRecordsIT extends IdempotencyRecordsContract {
    private static final String CLAIM =
            "INSERT INTO idempotency_record (caller, idempotency_key, fingerprint, claimed_at"
                    + ", response_status, content_type, body, location) VALUES ('alice', 'raw-sql-key-0000001', '"
                    + "a".repeat(64) + "', CURRENT_TIMESTAMP, ";

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

    @Test
    void claimMadeInAFailedUnitOfWorkIsKept() {
        IdempotencyRecords records = records();
        IdempotencyRecord claim = IdempotencyRecord.claim(
                "alice", "hire-2026-11-26-0001", "c".repeat(64), Instant.parse("2026-11-26T08:00:00Z"));

        assertThatThrownBy(() -> transactions.run(() -> {
                    records.claim(claim);
                    throw new IllegalStateException("the guarded work fails");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(records.find("alice", "hire-2026-11-26-0001")).contains(claim);
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
