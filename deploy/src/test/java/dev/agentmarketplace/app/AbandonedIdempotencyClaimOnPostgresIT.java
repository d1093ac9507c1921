package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request that dies with its replica (kill -9) in the middle of a state move leaves nothing that
 * blocks its retry: its claim on the Idempotency-Key was part of its uncommitted transaction, which
 * the database rolls back when the connection dies. The dying request is held just before it keeps
 * its answer ({@link PausingIdempotencyRecords}) and its database session is terminated, which is
 * what the database sees of a killed replica.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class AbandonedIdempotencyClaimOnPostgresIT {
    private static final String PAYER = "orchestrator";
    private static final String PROVIDER = "python-expert";

    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    TransactionQueries queries;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void agents() {
        registry.clear();
        registry.register(PAYER, "Orchestrator", Availability.ONLINE, "planning");
        registry.register(PROVIDER, "Python Expert", Availability.ONLINE, "python");
    }

    @AfterEach
    void letGo() {
        PausingIdempotencyRecords.disarm();
    }

    @Test
    void retryOfASettlementWhoseReplicaDiedProceedsAtOnceAndSettlesOnce() throws Exception {
        String id = hire();
        String key = "dying-settlement-" + Instant.now().toEpochMilli();
        PausingIdempotencyRecords.Pause pause = PausingIdempotencyRecords.arm();
        CompletableFuture<Response> dying = CompletableFuture.supplyAsync(() -> settle(id, key));
        pause.awaitReached();

        int killed = terminateSessionsInTransaction();
        Instant retried = Instant.now();
        Response retry = settle(id, key);
        Duration waited = Duration.between(retried, Instant.now());
        pause.resume();
        Response dead = dying.get(60, TimeUnit.SECONDS);

        assertThat(killed).as("sessions in a transaction").isEqualTo(1);
        assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(retry.jsonPath().getString("state")).isEqualTo("SETTLED");
        assertThat(waited).isLessThan(Duration.ofSeconds(10));
        assertThat(dead.statusCode()).as(dead.asString()).isEqualTo(503);
        assertThat(queries.get(TransactionId.of(id)).transaction().state()).isEqualTo(TransactionState.SETTLED);
        Response again = settle(id, key);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.asString()).isEqualTo(retry.asString());
    }

    /** What a killed replica leaves in the database: its sessions end, their transactions roll back. */
    private int terminateSessionsInTransaction() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet killed =
                        statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                                + " AND state LIKE 'idle in transaction%'")) {
            killed.next();
            return killed.getInt(1);
        }
    }

    private Response settle(String id, String key) {
        return tokens.asAgent(PAYER)
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .post("/api/v1/transactions/" + id + "/settlement");
    }

    private String hire() {
        return tokens.asAgent(PAYER)
                .header("Idempotency-Key", "hire-" + Instant.now().toEpochMilli())
                .contentType("application/json")
                .body(Map.of(
                        "provider",
                        PROVIDER,
                        "capability",
                        "python",
                        "amount",
                        Map.of("amount", "1.50", "currency", "USDC")))
                .post("/api/v1/transactions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
