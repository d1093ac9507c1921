package dev.agentmarketplace.persistence.idempotency;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.idempotency.IdempotencyRecord;
import dev.agentmarketplace.core.idempotency.IdempotencyRecords;
import dev.agentmarketplace.core.idempotency.StoredResponse;
import dev.agentmarketplace.persistence.Sql;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.hibernate.Session;

/**
 * {@link IdempotencyRecords} on the {@code idempotency_record} table, in the caller's transaction.
 * The claim is an INSERT that the primary key decides: a second claim on a key whose first claim is
 * not committed yet waits on the key, as both databases make a duplicate insert wait for the
 * transaction holding the other row, and learns whether that transaction committed. On PostgreSQL
 * the INSERT skips the duplicate ({@code ON CONFLICT DO NOTHING}), because a failed statement would
 * abort the transaction; H2 rolls back only the failed statement, so there a duplicate key error is
 * the answer. The wait is bounded by the statement's lock timeout, set for the claim alone.
 */
@ApplicationScoped
public class PanacheIdempotencyRecords implements IdempotencyRecords {
    private static final String COMPLETE = "UPDATE idempotency_record SET response_status = ?, content_type = ?,"
            + " body = ?, location = ? WHERE caller = ? AND idempotency_key = ?";
    private static final String INSERT = "INSERT INTO idempotency_record (caller, idempotency_key, fingerprint,"
            + " claimed_at) VALUES (?, ?, ?, ?)";
    private static final String POSTGRES_INSERT = INSERT + " ON CONFLICT (caller, idempotency_key) DO NOTHING";
    /** PostgreSQL's lock_not_available, raised when lock_timeout ends a wait. */
    private static final String POSTGRES_LOCK_TIMEOUT = "55P03";
    /** H2's LOCK_TIMEOUT_1 (SQLSTATE HYT00). */
    private static final int H2_LOCK_TIMEOUT = 50200;

    @Override
    public boolean claim(IdempotencyRecord claim, Duration wait) {
        return Panache.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try {
                return Sql.isPostgres(connection)
                        ? claimOnPostgres(connection, claim, wait)
                        : claimOnH2(connection, claim, wait);
            } catch (SQLException e) {
                if (POSTGRES_LOCK_TIMEOUT.equals(e.getSQLState()) || e.getErrorCode() == H2_LOCK_TIMEOUT) {
                    throw new ConflictException(
                            ErrorCode.IDEMPOTENCY_IN_PROGRESS,
                            "a request with idempotency key '" + claim.key() + "' is still being processed after "
                                    + wait.toMillis() + " ms; retry later");
                }
                throw e;
            }
        });
    }

    /**
     * One round trip: pgjdbc sends the three statements of one prepared statement together. The
     * lock timeout is the transaction's own for the claim, then back to the session's.
     */
    private static boolean claimOnPostgres(Connection connection, IdempotencyRecord claim, Duration wait)
            throws SQLException {
        try (PreparedStatement claimIt = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true); "
                + POSTGRES_INSERT + "; SET LOCAL lock_timeout TO DEFAULT")) {
            claimIt.setString(1, wait.toMillis() + "ms");
            bind(claimIt, claim, 1);
            claimIt.execute();
            claimIt.getMoreResults();
            return claimIt.getUpdateCount() == 1;
        }
    }

    private static boolean claimOnH2(Connection connection, IdempotencyRecord claim, Duration wait)
            throws SQLException {
        long previous;
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT LOCK_TIMEOUT()")) {
            result.next();
            previous = result.getLong(1);
        }
        try (Statement statement = connection.createStatement()) {
            // A session setting that does not commit; put back below.
            statement.execute("SET LOCK_TIMEOUT " + Math.max(1, wait.toMillis()));
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, claim, 0);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        } finally {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCK_TIMEOUT " + previous);
            }
        }
    }

    /** Binds the insert's four parameters after the first {@code before} of the statement. */
    private static void bind(PreparedStatement insert, IdempotencyRecord claim, int before) throws SQLException {
        insert.setString(before + 1, claim.caller());
        insert.setString(before + 2, claim.key());
        insert.setString(before + 3, claim.fingerprint());
        insert.setObject(before + 4, Sql.timestamp(claim.claimedAt()));
    }

    @Override
    public Optional<IdempotencyRecord> find(String caller, String key) {
        return IdempotencyRecordEntity.<IdempotencyRecordEntity>findByIdOptional(
                        new IdempotencyRecordEntity.Key(caller, key), LockModeType.PESSIMISTIC_WRITE)
                .map(PanacheIdempotencyRecords::toDomain);
    }

    @Override
    public void complete(String caller, String key, StoredResponse response) {
        // Plain JDBC, as the claim: every idempotent request completes its record, and Hibernate
        // translated the equivalent bulk update anew each time (issue 13).
        Panache.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(COMPLETE)) {
                update.setInt(1, response.status());
                update.setString(2, response.contentType());
                update.setString(3, response.body());
                update.setString(4, response.location().orElse(null));
                update.setString(5, caller);
                update.setString(6, key);
                update.executeUpdate();
            }
        });
    }

    @Override
    public int deleteClaimedBefore(Instant cutoff) {
        return (int) IdempotencyRecordEntity.delete("claimedAt < ?1", cutoff);
    }

    private static IdempotencyRecord toDomain(IdempotencyRecordEntity entity) {
        Optional<StoredResponse> response = entity.responseStatus == null
                ? Optional.empty()
                : Optional.of(new StoredResponse(
                        entity.responseStatus, entity.contentType, entity.body, Optional.ofNullable(entity.location)));
        return new IdempotencyRecord(
                entity.caller, entity.idempotencyKey, entity.fingerprint, entity.claimedAt, response);
    }
}
