package dev.agentmarketplace.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    @Test
    void connectionExceptionOfSqlStateClass08IsFoundWhereverItIsWrapped() {
        SQLException broken = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        Throwable wrapped = new IllegalStateException("commit failed", new RuntimeException(broken));

        assertThat(DatabaseUnavailable.causedBy(wrapped)).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("refused", "08001")))
                .isTrue();
    }

    @Test
    void serverShuttingDownOrStartingIsUnavailability() {
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(
                        new SQLException("terminating connection due to administrator command", "57P01"))))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("canceling statement due to user request", "57014")))
                .isFalse();
    }

    @Test
    void poolAcquisitionTimeoutAndJdbcConnectionExceptionsAreUnavailability() {
        assertThat(DatabaseUnavailable.causedBy(
                        new RuntimeException(new SQLException("Acquisition timeout while waiting for new connection"))))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLTransientConnectionException("pool closed")))
                .isTrue();
    }

    @Test
    void resourceManagerFailureDuringCommitIsUnavailability() {
        XAException commit = new XAException(XAException.XAER_RMFAIL);
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(commit))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(new XAException(XAException.XA_RBROLLBACK))))
                .isFalse();
    }

    @Test
    void suppressedAndChainedSqlExceptionsAreSearchedToo() {
        RuntimeException rollbackFailed = new RuntimeException("work failed");
        rollbackFailed.addSuppressed(new SQLException("connection closed", "08003"));
        SQLException batch = new SQLException("batch failed", "23505");
        batch.setNextException(new SQLException("connection reset", "08006"));

        assertThat(DatabaseUnavailable.causedBy(rollbackFailed)).isTrue();
        assertThat(DatabaseUnavailable.causedBy(batch)).isTrue();
    }

    @Test
    void otherFailuresAreNotUnavailability() {
        assertThat(DatabaseUnavailable.causedBy(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("no state"))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new UncheckedIOException(new java.io.IOException("disk"))))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("bug")))
                .isFalse();
    }
}
