package dev.agentmarketplace.persistence.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.discovery.AgentSearch;
import dev.agentmarketplace.core.discovery.DiscoverySettings;
import dev.agentmarketplace.core.discovery.SearchCriteria;
import dev.agentmarketplace.core.discovery.SearchCursor;
import dev.agentmarketplace.core.discovery.SearchHit;
import dev.agentmarketplace.core.discovery.SearchSort;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.reputation.ReputationRepository;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import dev.agentmarketplace.core.testing.AgentSearchContract;
import dev.agentmarketplace.persistence.Sql;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.registry.AgentEntity;
import dev.agentmarketplace.persistence.registry.PanacheAgentRepository;
import dev.agentmarketplace.persistence.reputation.PanacheReputationRepository;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The search port on H2: the core's {@link AgentSearchContract} with hires counted in {@code
 * provider_load}, plus the counters' own rules. {@link SqlAgentSearchOnPostgresIT} reruns it on PostgreSQL.
 */
@QuarkusTest
class SqlAgentSearchIT extends AgentSearchContract {
    @Inject
    PanacheAgentRepository agents;

    @Inject
    PanacheReputationRepository reputations;

    @Inject
    SqlAgentSearch search;

    @Inject
    ProviderLoadCounters load;

    @Inject
    TransactionalUnitOfWork transactions;

    @Inject
    DataSource dataSource;

    /** Called first by the contract's set-up: deleting agents cascades to summaries and load counters. */
    @Override
    protected AgentRepository agents() {
        transactions.run(() -> AgentEntity.deleteAll());
        return agents;
    }

    @Override
    protected ReputationRepository reputations() {
        return reputations;
    }

    @Override
    protected AgentSearch search() {
        return search;
    }

    @Override
    protected UnitOfWork unitOfWork() {
        return transactions;
    }

    /**
     * The hires as the application leaves them by {@link #NOW}: counted at {@code at}, and recounted
     * by the load sweep once a minute of them has left the window (its schedule runs it right after
     * every whole minute).
     */
    @Override
    protected void recordHires(AgentId provider, int count, Instant at) {
        // The contract stores zero hires for some agents; the counters only ever hear of real ones.
        if (count > 0) {
            transactions.run(() -> load.hired(provider, at, count));
        }
        sweep(NOW);
    }

    private void sweep(Instant now) {
        while (load.recountOutgrown(now.minus(DiscoverySettings.LOAD_WINDOW), 100)
                .mayHaveMore(100)) {}
    }

    @Test
    void cancelledHireNoLongerCountsAsLoad() {
        agents();
        transactions.run(() -> agents.add(agent("worker", "1.00 USDC", 10, Availability.ONLINE, NOW, "python")));
        Instant at = NOW.minus(Duration.ofMinutes(10));
        recordHires(AgentId.of("worker"), 3, at);
        transactions.run(() -> load.cancelled(AgentId.of("worker"), at.plusSeconds(20)));

        assertThat(loadSearch()).singleElement().satisfies(hit -> {
            assertThat(hit.recentHires()).isEqualTo(2);
            assertThat(hit.load()).isEqualTo(0.2);
        });
    }

    @Test
    void hiresOfOneMinuteAddUpInOneCounter() {
        agents();
        transactions.run(() -> agents.add(agent("worker", "1.00 USDC", 10, Availability.ONLINE, NOW, "python")));
        recordHires(AgentId.of("worker"), 1, NOW.minusSeconds(130));
        recordHires(AgentId.of("worker"), 2, NOW.minusSeconds(125));
        recordHires(AgentId.of("worker"), 4, NOW.minusSeconds(30));

        assertThat(loadSearch()).extracting(SearchHit::recentHires).containsExactly(7L);
        assertThat(ProviderLoadEntityCount.rows(transactions)).isEqualTo(2);
    }

    @Test
    void countersOlderThanTheRetentionArePrunedAsHiresComeIn() {
        agents();
        transactions.run(() -> agents.add(agent("worker", "1.00 USDC", 10, Availability.ONLINE, NOW, "python")));
        recordHires(AgentId.of("worker"), 1, NOW.minus(Duration.ofHours(5)));
        recordHires(AgentId.of("worker"), 1, NOW);

        assertThat(ProviderLoadEntityCount.rows(transactions)).isEqualTo(1);
    }

    /**
     * The documented staleness (module README): a minute that has left the window still counts, in
     * the load shown and in the LOAD order, until the load sweep recounts the agent.
     */
    @Test
    void aMinuteThatLeftTheWindowCountsUntilTheSweepRecountsIt() {
        agents();
        transactions.run(() -> agents.add(agent("aged", "1.00 USDC", 10, Availability.ONLINE, NOW, "python")));
        transactions.run(() -> agents.add(agent("steady", "1.00 USDC", 10, Availability.ONLINE, NOW, "python")));
        transactions.run(() -> load.hired(AgentId.of("aged"), NOW.minus(Duration.ofMinutes(59)), 2));
        transactions.run(() -> load.hired(AgentId.of("steady"), NOW.minus(Duration.ofMinutes(10)), 1));
        // The minute NOW - 59 min left the window at NOW + 1 min.
        Instant later = NOW.plus(Duration.ofMinutes(2));

        assertThat(loadSearch(later))
                .extracting(hit -> hit.agent().id().value(), SearchHit::recentHires, SearchHit::load)
                .containsExactly(tuple("steady", 1L, 0.1), tuple("aged", 2L, 0.2));

        sweep(later);

        assertThat(loadSearch(later))
                .extracting(hit -> hit.agent().id().value(), SearchHit::recentHires, SearchHit::load)
                .containsExactly(tuple("aged", 0L, 0.0), tuple("steady", 1L, 0.1));
        assertThat(rankingLoadColumns("aged")).containsExactly(0, 0.0, null);
    }

    @Test
    void aHireRecountsTheHourBeforeIt() {
        agents();
        transactions.run(() -> agents.add(agent("worker", "1.00 USDC", 4, Availability.ONLINE, NOW, "python", "rust")));
        transactions.run(() -> load.hired(AgentId.of("worker"), NOW.minus(Duration.ofMinutes(90)), 5));
        transactions.run(() -> load.hired(AgentId.of("worker"), NOW.minus(Duration.ofMinutes(50)), 1));
        transactions.run(() -> load.hired(AgentId.of("worker"), NOW.minus(Duration.ofSeconds(10)), 2));

        // The minute of NOW - 90 min was outside the hour before the last hire, so it is not counted.
        assertThat(rankingLoadColumns("worker"))
                .containsExactly(3, 0.75, NOW.minus(Duration.ofMinutes(50)).truncatedTo(ChronoUnit.MINUTES));
        assertThat(loadSearch(NOW)).singleElement().satisfies(hit -> {
            assertThat(hit.recentHires()).isEqualTo(3);
            assertThat(hit.load()).isEqualTo(0.75);
        });
    }

    /** A cancel takes its hire back only from a count that holds its minute. */
    @Test
    void cancellingAHireOutsideTheCountLeavesTheCount() {
        agents();
        transactions.run(() -> agents.add(agent("worker", "1.00 USDC", 10, Availability.ONLINE, NOW, "python")));
        Instant old = NOW.minus(Duration.ofMinutes(90));
        transactions.run(() -> load.hired(AgentId.of("worker"), old, 1));
        transactions.run(() -> load.hired(AgentId.of("worker"), NOW.minus(Duration.ofMinutes(5)), 1));
        transactions.run(() -> load.cancelled(AgentId.of("worker"), old));

        assertThat(loadSearch(NOW))
                .singleElement()
                .extracting(SearchHit::recentHires)
                .isEqualTo(1L);
    }

    /** Down to no hire, the count forgets its oldest minute (a CHECK of V15 holds the two together). */
    @Test
    void cancellingTheOnlyCountedHireLeavesNoLoad() {
        agents();
        transactions.run(() -> agents.add(agent("worker", "1.00 USDC", 10, Availability.ONLINE, NOW, "python")));
        Instant at = NOW.minus(Duration.ofMinutes(5));
        transactions.run(() -> load.hired(AgentId.of("worker"), at, 1));
        transactions.run(() -> load.cancelled(AgentId.of("worker"), at));

        assertThat(rankingLoadColumns("worker")).containsExactly(0, 0.0, null);
        assertThat(loadSearch(NOW)).singleElement().extracting(SearchHit::load).isEqualTo(0.0);
    }

    /** Registry writes rewrite the ranking rows but keep their count, over the agent's new capacity. */
    @Test
    void rankingKeepsTheCountThroughRegistryWritesOverTheNewCapacity() {
        agents();
        transactions.run(() -> agents.add(agent("worker", "1.00 USDC", 10, Availability.ONLINE, NOW, "python")));
        recordHires(AgentId.of("worker"), 4, NOW.minus(Duration.ofMinutes(3)));
        transactions.run(() -> {
            Agent stored = agents.findById(AgentId.of("worker")).orElseThrow();
            agents.update(stored.toBuilder()
                    .capabilities(List.of(Capability.of("rust"), Capability.of("go")))
                    .capacityPerHour(20)
                    .lastSeenAt(NOW.minusSeconds(5))
                    .build());
        });

        assertThat(loadSearch(NOW)).isEmpty();
        for (String capability : List.of("rust", "go")) {
            assertThat(loadSearch(capability, NOW))
                    .as(capability)
                    .singleElement()
                    .satisfies(hit -> {
                        assertThat(hit.recentHires()).isEqualTo(4);
                        assertThat(hit.load()).isEqualTo(0.2);
                    });
        }
    }

    /** The ranking rows count one hour; a search over another window counts the minutes themselves. */
    @Test
    void aWindowOfAnotherLengthCountsTheMinutesThemselves() {
        agents();
        transactions.run(() -> agents.add(agent("worker", "1.00 USDC", 10, Availability.ONLINE, NOW, "python")));
        recordHires(AgentId.of("worker"), 2, NOW.minus(Duration.ofMinutes(90)));
        recordHires(AgentId.of("worker"), 1, NOW.minus(Duration.ofMinutes(10)));

        for (SearchSort sort : SearchSort.values()) {
            assertThat(search.search(new AgentSearch.Query(
                            SearchCriteria.of(
                                    Set.of(Capability.of("python")), EnumSet.allOf(Availability.class), sort, 10),
                            NOW,
                            Duration.ofMinutes(5),
                            NOW.minus(Duration.ofHours(2)),
                            3.0,
                            10)))
                    .as(sort.name())
                    .singleElement()
                    .extracting(SearchHit::recentHires)
                    .isEqualTo(3L);
        }
        assertThat(loadSearch(NOW))
                .singleElement()
                .extracting(SearchHit::recentHires)
                .isEqualTo(1L);
    }

    /** The reputation query merges three index walks; agents rated exactly the prior interleave with unrated ones by id. */
    @Test
    void agentsRatedExactlyThePriorInterleaveWithUnratedOnesAcrossPages() {
        agents();
        for (String id : List.of("p1", "p2", "p3", "p4", "p5")) {
            transactions.run(() -> agents.add(agent(id, "1.00 USDC", 10, Availability.ONLINE, NOW, "python")));
        }
        transactions.run(() -> {
            reputations.saveSummary(new ReputationSummary(AgentId.of("p2"), 3.0, 2.0, 4, NOW));
            reputations.saveSummary(new ReputationSummary(AgentId.of("p4"), 3.0, 2.5, 4, NOW));
            reputations.saveSummary(new ReputationSummary(AgentId.of("p5"), 3.5, 2.5, 4, NOW));
        });
        SearchCriteria criteria = SearchCriteria.of(
                Set.of(Capability.of("python")), EnumSet.allOf(Availability.class), SearchSort.REPUTATION, 1);
        List<String> visited = new ArrayList<>();
        while (true) {
            List<SearchHit> page = search.search(new AgentSearch.Query(
                    criteria, NOW, Duration.ofMinutes(5), NOW.minus(Duration.ofHours(1)), 3.0, 1));
            if (page.isEmpty()) {
                break;
            }
            visited.add(page.getFirst().agent().id().value());
            criteria = criteria.continuingAfter(SearchCursor.of(page.getFirst(), SearchSort.REPUTATION));
        }

        assertThat(visited).containsExactly("p5", "p1", "p2", "p3", "p4");
    }

    /** One-capability searches read search_ranking: every write to its inputs must reach it. */
    @Test
    void rankingFollowsTheRegistryAndTheSummaries() {
        agents();
        transactions.run(() -> agents.add(agent("worker", "1.00 USDC", 10, Availability.ONLINE, NOW, "python")));
        transactions.run(() -> {
            Agent stored = agents.findById(AgentId.of("worker")).orElseThrow();
            agents.update(stored.toBuilder()
                    .capabilities(List.of(Capability.of("rust")))
                    .price(Money.of("2.00", "EUR"))
                    .availability(Availability.BUSY)
                    .build());
            reputations.saveSummary(new ReputationSummary(AgentId.of("worker"), 4.5, 4.0, 4, NOW));
        });

        assertThat(reputationSearch("python", EnumSet.allOf(Availability.class)))
                .isEmpty();
        assertThat(reputationSearch("rust", EnumSet.of(Availability.ONLINE))).isEmpty();
        assertThat(reputationSearch("rust", EnumSet.of(Availability.BUSY)))
                .singleElement()
                .satisfies(hit -> {
                    assertThat(hit.score()).isEqualTo(4.5);
                    assertThat(hit.agent().price()).isEqualTo(Money.of("2.00", "EUR"));
                });
        assertThat(priceSearch("rust", Money.of("2.00", "EUR"))).hasSize(1);
        assertThat(priceSearch("rust", Money.of("1.99", "EUR"))).isEmpty();

        transactions.run(() -> {
            Agent stored = agents.findById(AgentId.of("worker")).orElseThrow();
            agents.update(stored.toBuilder()
                    .deregisteredAt(Optional.of(NOW.minusSeconds(1)))
                    .build());
        });

        assertThat(reputationSearch("rust", EnumSet.allOf(Availability.class))).isEmpty();
    }

    private List<SearchHit> reputationSearch(String capability, Set<Availability> availability) {
        return search.search(new AgentSearch.Query(
                SearchCriteria.of(Set.of(Capability.of(capability)), availability, SearchSort.REPUTATION, 10),
                NOW,
                Duration.ofMinutes(5),
                NOW.minus(Duration.ofHours(1)),
                3.0,
                10));
    }

    private List<SearchHit> priceSearch(String capability, Money ceiling) {
        return search.search(new AgentSearch.Query(
                new SearchCriteria(
                        Set.of(Capability.of(capability)),
                        Optional.of(ceiling),
                        EnumSet.allOf(Availability.class),
                        OptionalDouble.empty(),
                        SearchSort.PRICE,
                        Optional.empty(),
                        10),
                NOW,
                Duration.ofMinutes(5),
                NOW.minus(Duration.ofHours(1)),
                3.0,
                10));
    }

    private List<SearchHit> loadSearch() {
        return loadSearch(NOW);
    }

    private List<SearchHit> loadSearch(Instant now) {
        return loadSearch("python", now);
    }

    private List<SearchHit> loadSearch(String capability, Instant now) {
        return search.search(new AgentSearch.Query(
                SearchCriteria.of(
                        Set.of(Capability.of(capability)), EnumSet.allOf(Availability.class), SearchSort.LOAD, 10),
                now,
                Duration.ofMinutes(5),
                now.minus(DiscoverySettings.LOAD_WINDOW),
                3.0,
                10));
    }

    /** recent_hires, load and load_oldest_minute, the same on each of the agent's ranking rows. */
    private List<Object> rankingLoadColumns(String agent) {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT DISTINCT recent_hires, load,"
                        + " load_oldest_minute FROM search_ranking WHERE agent_id = ?")) {
            statement.setString(1, agent);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(Arrays.asList(
                            result.getInt(1), result.getDouble(2), Sql.instant(result, "load_oldest_minute")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(rows).as("the load columns of %s's ranking rows", agent).hasSize(1);
        return rows.getFirst();
    }
}
