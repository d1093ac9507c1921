package dev.agentmarketplace.persistence.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.Metadata;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.core.reputation.Reputation;
import dev.agentmarketplace.core.reputation.ReputationCalculator;
import dev.agentmarketplace.core.reputation.ReputationEvent;
import dev.agentmarketplace.core.reputation.ReputationPolicy;
import dev.agentmarketplace.core.reputation.ReputationRepository;
import dev.agentmarketplace.core.reputation.ReputationService;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import dev.agentmarketplace.core.testing.MutableClock;
import dev.agentmarketplace.core.testing.ReputationRepositoryContract;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.ledger.PanacheTransactionRepository;
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
import java.time.Duration;
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
    PanacheTransactionRepository transactionRepository;

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
    void summaryRowWithoutATallyGetsItBuiltFromTheHistoryOnTheNextEvent() throws SQLException {
        repository();
        MutableClock clock = new MutableClock(T0);
        ReputationService service = new ReputationService(
                reputations, transactionRepository, agents, transactions, clock, ReputationPolicy.DEFAULTS);
        service.recordTaskOutcome(A, true, 2, Optional.of(Money.of("10.00", "USDC")), "task 1");
        clock.advance(Duration.ofDays(20));
        service.adjust(A, new BigDecimal("-0.25"), "late deliveries", "ops-1");
        clock.advance(Duration.ofDays(20));
        service.recordTaskOutcome(A, false, 1, Optional.empty(), "task 2");
        ReputationSummary before = reputations.summaryOf(A).orElseThrow();
        // The row as versions before V17 wrote it: the summary's columns only.
        RawSql.execute(dataSource, "DELETE FROM reputation_summary WHERE agent_id = 'rep-a'");
        RawSql.execute(
                dataSource,
                "INSERT INTO reputation_summary (agent_id, score, lower_bound, effective_observations, as_of)"
                        + " VALUES ('rep-a', " + before.score() + ", " + before.lowerBound() + ", "
                        + before.effectiveObservations() + ", CURRENT_TIMESTAMP)");
        assertThat(reputations.tallyOf(A)).isEmpty();
        assertSameReputation(service.reputationOf(A), computedFromHistory(clock.instant()));

        clock.advance(Duration.ofDays(20));
        Reputation next = service.recordTaskOutcome(A, true, 1, Optional.empty(), "task 3");

        assertSameReputation(next, computedFromHistory(clock.instant()));
        assertThat(reputations.tallyOf(A)).hasValueSatisfying(tally -> {
            assertThat(tally.asOf()).isEqualTo(clock.instant());
            assertThat(tally.successes()).isEqualTo(2);
            assertThat(tally.failures()).isEqualTo(1);
        });
        assertThat(reputations.summaryOf(A)).contains(next.summary());

        clock.advance(Duration.ofDays(20));
        Reputation following = service.recordTaskOutcome(A, true, 1, Optional.empty(), "task 4");
        assertSameReputation(following, computedFromHistory(clock.instant()));
    }

    @Test
    void databaseRefusesAHalfWrittenTally() {
        repository();
        RawSql.assertRefusedBy(
                dataSource,
                "reputation_summary_tally_complete",
                "INSERT INTO reputation_summary (agent_id, score, lower_bound, effective_observations, as_of,"
                        + " tally_weight_sum, tally_as_of) VALUES ('rep-a', 3, 2, 1, CURRENT_TIMESTAMP, 1,"
                        + " CURRENT_TIMESTAMP)");
    }

    @Test
    void databaseRefusesANegativeTallySum() {
        repository();
        RawSql.assertRefusedBy(
                dataSource,
                "reputation_summary_tally_sums_not_negative",
                "INSERT INTO reputation_summary (agent_id, score, lower_bound, effective_observations, as_of,"
                        + " tally_weight_sum, tally_weighted_ratings, tally_weighted_squares, tally_adjustment,"
                        + " tally_successes, tally_failures, tally_feedback_count, tally_as_of) VALUES ('rep-a', 3,"
                        + " 2, 1, CURRENT_TIMESTAMP, -1, 0, 0, 0, 0, 0, 0, CURRENT_TIMESTAMP)");
    }

    private Reputation computedFromHistory(Instant now) {
        return new ReputationCalculator(ReputationPolicy.DEFAULTS).compute(A, reputations.history(A), now);
    }

    private static void assertSameReputation(Reputation actual, Reputation expected) {
        assertThat(actual.score()).isCloseTo(expected.score(), within(1e-9));
        assertThat(actual.low()).isCloseTo(expected.low(), within(1e-9));
        assertThat(actual.high()).isCloseTo(expected.high(), within(1e-9));
        assertThat(actual.effectiveObservations()).isCloseTo(expected.effectiveObservations(), within(1e-9));
        assertThat(actual.successes()).isEqualTo(expected.successes());
        assertThat(actual.failures()).isEqualTo(expected.failures());
        assertThat(actual.feedbackCount()).isEqualTo(expected.feedbackCount());
    }

    @Test
    void flywayAppliedTheReputationAndDiscoveryMigrations() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\""
                        + " WHERE \"version\" IN ('5', '6', '17') AND \"success\"")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(3);
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
