package dev.agentmarketplace.persistence.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry port on the embedded H2 database; {@link PanacheAgentRepositoryOnPostgresIT} reruns it on PostgreSQL. */
@QuarkusTest
class PanacheAgentRepositoryIT {
    private static final Instant REGISTERED = Instant.parse("2026-11-26T08:15:30.123456Z");

    @Inject
    PanacheAgentRepository repository;

    @Inject
    DataSource dataSource;

    @BeforeEach
    @Transactional
    void emptyRegistry() {
        AgentEntity.deleteAll();
    }

    @Test
    void storedAgentReadsBackEqual() {
        Agent agent = agent("py-1", "Python Expert", Availability.BUSY, "python", "code review");

        repository.add(agent);

        assertThat(repository.findById(AgentId.of("py-1"))).contains(agent);
    }

    @Test
    void unknownIdReadsAsEmpty() {
        assertThat(repository.findById(AgentId.of("ghost"))).isEmpty();
    }

    @Test
    void listingIsInIdOrderAndResumesAfterTheCursor() {
        for (String id : List.of("c", "a", "d", "b")) {
            repository.add(agent(id, "Agent " + id, Availability.ONLINE, "python"));
        }

        assertThat(ids(repository.listAfter(Optional.empty(), 3))).containsExactly("a", "b", "c");
        assertThat(ids(repository.listAfter(Optional.of(AgentId.of("b")), 3))).containsExactly("c", "d");
        assertThat(repository.listAfter(Optional.of(AgentId.of("d")), 3)).isEmpty();
    }

    @Test
    void duplicateIdIsAConflict() {
        repository.add(agent("py-1", "First", Availability.ONLINE, "python"));

        assertThatThrownBy(() -> repository.add(agent("py-1", "Second", Availability.ONLINE, "python")))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AGENT_ALREADY_REGISTERED));
        assertThat(repository.findById(AgentId.of("py-1")).orElseThrow().displayName())
                .isEqualTo("First");
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
                        repository.add(agent("contested", name, Availability.ONLINE, "python"));
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
    void databaseRefusesAnAvailabilityTheDomainDoesNotKnow() {
        assertThatThrownBy(() -> execute("INSERT INTO agent (id, display_name, availability, registered_at) "
                        + "VALUES ('rogue', 'Rogue', 'SLEEPING', CURRENT_TIMESTAMP)"))
                .isInstanceOf(SQLException.class)
                .satisfies(
                        e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains("agent_availability_known"));
        assertThat(repository.findById(AgentId.of("rogue"))).isEmpty();
    }

    @Test
    void flywayAppliedTheRegistryMigration() throws SQLException {
        assertThat(countRows("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '1' AND \"success\""))
                .isEqualTo(1);
    }

    private long countRows(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> ids(List<Agent> agents) {
        return agents.stream().map(agent -> agent.id().value()).toList();
    }

    private static Agent agent(String id, String name, Availability availability, String... capabilities) {
        TreeSet<Capability> set = new TreeSet<>();
        for (String capability : capabilities) {
            set.add(Capability.of(capability));
        }
        return new Agent(AgentId.of(id), name, set, availability, REGISTERED.truncatedTo(ChronoUnit.MICROS));
    }
}
