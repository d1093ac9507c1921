package dev.agentmarketplace.persistence.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ratelimit.RateLimitCounters;
import dev.agentmarketplace.core.testing.RateLimitCountersContract;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.testing.RawSql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The rate-limit counters on H2: the core's {@link RateLimitCountersContract}, its many-threaded case
 * included. {@link PanacheRateLimitCountersOnPostgresIT} reruns it on PostgreSQL.
 */
@QuarkusTest
class PanacheRateLimitCountersIT extends RateLimitCountersContract {
    private static final Instant WINDOW = Instant.parse("2026-11-26T08:00:00Z");

    @Inject
    PanacheRateLimitCounters counters;

    @Inject
    TransactionalUnitOfWork transactions;

    @Inject
    DataSource dataSource;

    @Override
    protected RateLimitCounters counters() {
        try {
            RawSql.execute(dataSource, "DELETE FROM rate_limit_window");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counters;
    }

    @Test
    void requestCountedInAFailedUnitOfWorkStaysCounted() {
        RateLimitCounters counters = counters();

        assertThatThrownBy(() -> transactions.run(() -> {
                    counters.increment("alice", WINDOW);
                    throw new IllegalStateException("the guarded work fails");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(counters.count("alice", WINDOW)).isEqualTo(1);
    }

    @Test
    void databaseRefusesAnEmptyWindow() {
        counters();
        RawSql.assertRefusedBy(
                dataSource,
                "rate_limit_window_count_positive",
                "INSERT INTO rate_limit_window (caller, window_start, request_count) VALUES ('alice', CURRENT_TIMESTAMP, 0)");
    }
}
