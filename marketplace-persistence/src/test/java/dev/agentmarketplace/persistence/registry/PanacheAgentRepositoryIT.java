package dev.agentmarketplace.persistence.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.testing.AgentRepositoryContract;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.testing.RawSql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry port on the embedded H2 database: the core's {@link AgentRepositoryContract}, plus
 * what only a database can show (races between connections, its own checks, the migrations).
 * {@link PanacheAgentRepositoryOnPostgresIT} reruns it all on PostgreSQL.
 */
@QuarkusTest
class PanacheAgentRepositoryIT extends AgentRepositoryContract {
    private static final String VALID_ROW_COLUMNS =
            "id, display_name, owner, price_amount, price_currency, payout_wallet, availability, last_seen_at,"
                    + " capacity_per_hour, registered_at";

    @Inject
    PanacheAgentRepository agents;

    @Inject
    TransactionalUnitOfWork transactions;

    @Inject
    DataSource dataSource;

    @Override
    protected AgentRepository repository() {
        return agents;
    }

    @Override
    protected UnitOfWork unitOfWork() {
        return transactions;
    }

    @BeforeEach
    @Transactional
    void emptyRegistry() {
        AgentEntity.deleteAll();
    }

    @Test
    void concurrentRegistrationsOfOneIdLetExactlyOneWin() throws Exception {
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String name = "Contender " + i;
                Callable<Boolean> register = () -> {
                    start.await();
                    try {
                        agents.add(agent("contested", name));
                        return true;
                    } catch (ConflictException e) {
                        return false;
                    }
                };
                outcomes.add(pool.submit(register));
            }
            start.countDown();

            int winners = 0;
            for (Future<Boolean> outcome : outcomes) {
                winners += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(countRows("SELECT COUNT(*) FROM agent WHERE id = 'contested'"))
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentUpdatesFromOneReadLetExactlyOneWin() throws Exception {
        agents.add(agent("contested"));
        var read = agents.findById(AgentId.of("contested")).orElseThrow();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        agents.update(read);
                        return true;
                    } catch (ConflictException e) {
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
            assertThat(agents.findById(AgentId.of("contested")).orElseThrow().version())
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void agentLockedForUpdateIsReadByTheNextLockerOnlyAfterTheHolderCommits() throws Exception {
        agents.add(agent("busy"));
        CountDownLatch locked = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> holder = pool.submit(() -> transactions.run(() -> {
                var agent = agents.findByIdForUpdate(AgentId.of("busy")).orElseThrow();
                locked.countDown();
                pause(Duration.ofMillis(400));
                agents.update(new dev.agentmarketplace.core.registry.Agent(
                        agent.id(),
                        agent.displayName(),
                        agent.owner(),
                        agent.capabilities(),
                        agent.price(),
                        agent.payoutWallet(),
                        agent.availability(),
                        agent.lastSeenAt(),
                        agent.capacityPerHour() + 1,
                        agent.metadata(),
                        agent.registeredAt(),
                        agent.deregisteredAt(),
                        agent.version()));
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

            Future<Integer> next = pool.submit(() -> transactions.execute(() ->
                    agents.findByIdForUpdate(AgentId.of("busy")).orElseThrow().capacityPerHour()));

            holder.get(30, TimeUnit.SECONDS);
            assertThat(next.get(30, TimeUnit.SECONDS)).isEqualTo(11);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void databaseRefusesAnAvailabilityTheDomainDoesNotKnow() {
        assertRefusedBy("agent_availability_known", validRowWith("availability", "'SLEEPING'"));
    }

    @Test
    void databaseRefusesANegativePrice() {
        assertRefusedBy("agent_price_not_negative", validRowWith("price_amount", "-0.01"));
    }

    @Test
    void databaseRefusesACapacityBelowOne() {
        assertRefusedBy("agent_capacity_positive", validRowWith("capacity_per_hour", "0"));
    }

    @Test
    void databaseRefusesAWalletThatIsNotAnEvmAddress() {
        assertRefusedBy("agent_payout_wallet_format", validRowWith("payout_wallet", "'0x12345'"));
        assertRefusedBy(
                "agent_payout_wallet_format",
                validRowWith("payout_wallet", "'0xZZAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'"));
    }

    @Test
    void validRowIsAcceptedSoTheRefusalsAboveAreTheChecks() throws SQLException {
        RawSql.execute(dataSource, validRowWith("id", "'raw-row'"));

        assertThat(countRows("SELECT COUNT(*) FROM agent WHERE id = 'raw-row'")).isEqualTo(1);
    }

    @Test
    void flywayAppliedTheRegistryMigrations() throws SQLException {
        assertThat(
                        countRows(
                                "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" IN ('1', '2') AND \"success\""))
                .isEqualTo(2);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void assertRefusedBy(String constraint, String insert) {
        RawSql.assertRefusedBy(dataSource, constraint, insert);
        assertThat(agents.listAfter(java.util.Optional.empty(), 10)).isEmpty();
    }

    /** An INSERT of a row every check accepts, except for the one column replaced. */
    private static String validRowWith(String column, String value) {
        String[] columns = VALID_ROW_COLUMNS.split(",\\s*");
        String[] values = {
            "'rogue'",
            "'Rogue'",
            "'acme'",
            "1.5",
            "'USDC'",
            "'" + WALLET.value() + "'",
            "'ONLINE'",
            "CURRENT_TIMESTAMP",
            "3",
            "CURRENT_TIMESTAMP"
        };
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].equals(column)) {
                values[i] = value;
            }
        }
        return "INSERT INTO agent (" + VALID_ROW_COLUMNS + ") VALUES (" + String.join(", ", values) + ")";
    }

    private long countRows(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
