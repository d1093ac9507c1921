package dev.agentmarketplace.persistence.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.discovery.AgentSearch;
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
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.registry.AgentEntity;
import dev.agentmarketplace.persistence.registry.PanacheAgentRepository;
import dev.agentmarketplace.persistence.reputation.PanacheReputationRepository;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
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

    @Override
    protected void recordHires(AgentId provider, int count, Instant at) {
        // The contract stores zero hires for some agents; the counters only ever hear of real ones.
        if (count > 0) {
            transactions.run(() -> load.hired(provider, at, count));
        }
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
        return search.search(new AgentSearch.Query(
                SearchCriteria.of(
                        Set.of(Capability.of("python")), EnumSet.allOf(Availability.class), SearchSort.LOAD, 10),
                NOW,
                Duration.ofMinutes(5),
                NOW.minus(Duration.ofHours(1)),
                3.0,
                10));
    }
}
