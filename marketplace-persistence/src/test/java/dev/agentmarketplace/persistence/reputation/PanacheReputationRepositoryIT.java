package dev.agentmarketplace.persistence.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.Metadata;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.core.reputation.ReputationEvent;
import dev.agentmarketplace.core.reputation.ReputationRepository;
import dev.agentmarketplace.core.testing.ReputationRepositoryContract;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.registry.AgentEntity;
import dev.agentmarketplace.persistence.registry.PanacheAgentRepository;
import dev.agentmarketplace.persistence.testing.RawSql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The reputation port on H2: the core's {@link ReputationRepositoryContract}, plus the database's own
 * checks. {@link PanacheReputationRepositoryOnPostgresIT} reruns it all on PostgreSQL.
 */
@QuarkusTest
class PanacheReputationRepositoryIT extends ReputationRepositoryContract {
    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

    @Inject
    PanacheReputationRepository reputations;

    @Inject
    PanacheAgentRepository agents;

    @Inject
    TransactionalUnitOfWork transactions;

    @Inject
    DataSource dataSource;

    /** Events and summaries need their agent (a foreign key); deleting agents cascades to both. */
    @Override
    protected ReputationRepository repository() {
        transactions.run(() -> {
            AgentEntity.deleteAll();
            agents.add(agent(A));
            agents.add(agent(B));
        });
        return reputations;
    }

    @Override
    protected UnitOfWork unitOfWork() {
        return transactions;
    }

    @Test
    void ratingAndDeltaComeBackWithTheScaleTheyWereWrittenWith() {
        repository();
        ReputationEvent whole = new ReputationEvent.Feedback(A, T0, 1, new BigDecimal("5"), 1, B, tx(1));
        ReputationEvent padded = new ReputationEvent.Feedback(A, T0, 1, new BigDecimal("4.0"), 1, B, tx(2));
        ReputationEvent adjustment =
                new ReputationEvent.OperatorAdjustment(A, T0, new BigDecimal("1.25"), "fixed outage", "ops");
        transactions.run(() -> {
            reputations.append(whole);
            reputations.append(padded);
            reputations.append(adjustment);
        });

        assertThat(reputations.history(A)).containsExactly(whole, padded, adjustment);
    }

    @Test
    void eventOfAnUnknownAgentIsRefusedByTheForeignKey() {
        repository();
        assertThatThrownBy(() -> transactions.run(() -> reputations.append(
                        new ReputationEvent.TaskOutcome(AgentId.of("stranger"), T0, 1, true, 1, "task done"))))
                .satisfies(e -> assertThat(messages(e)).contains("reputation_event_agent_fk"));
    }

    @Test
    void databaseRefusesAScoreAboveFive() {
        repository();
        RawSql.assertRefusedBy(
                dataSource,
                "reputation_summary_score_bounds",
                "INSERT INTO reputation_summary (agent_id, score, lower_bound, effective_observations, as_of)"
                        + " VALUES ('rep-a', 5.5, 1, 1, CURRENT_TIMESTAMP)");
    }

    @Test
    void databaseRefusesALowerBoundAboveTheScore() {
        repository();
        RawSql.assertRefusedBy(
                dataSource,
                "reputation_summary_lower_bound_bounds",
                "INSERT INTO reputation_summary (agent_id, score, lower_bound, effective_observations, as_of)"
                        + " VALUES ('rep-a', 3, 3.5, 1, CURRENT_TIMESTAMP)");
    }

    @Test
    void databaseRefusesFeedbackWithoutItsTransaction() {
        repository();
        RawSql.assertRefusedBy(
                dataSource,
                "reputation_event_feedback_complete",
                "INSERT INTO reputation_event (agent_id, kind, occurred_at, amount_weight, weight, rating,"
                        + " figure_scale, from_agent_id) VALUES ('rep-a', 'FEEDBACK', CURRENT_TIMESTAMP, 1, 1, 4.5, 1,"
                        + " 'rep-b')");
    }

    @Test
    void flywayAppliedTheReputationAndDiscoveryMigrations() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\""
                        + " WHERE \"version\" IN ('5', '6') AND \"success\"")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(2);
        }
    }

    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString().toLowerCase(Locale.ROOT);
    }

    private static Agent agent(AgentId id) {
        TreeSet<Capability> capabilities = new TreeSet<>();
        capabilities.add(Capability.of("python"));
        return new Agent(
                id,
                "Agent " + id,
                "owner",
                capabilities,
                Money.of("1.00", "USDC"),
                WalletAddress.of("0x209693Bc6afc0C5328bA36FaF03C514EF312287C"),
                Availability.ONLINE,
                T0,
                10,
                Metadata.EMPTY,
                T0.minusSeconds(3600),
                Optional.empty(),
                0);
    }
}
