package dev.agentmarketplace.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.discovery.AgentSearch;
import dev.agentmarketplace.core.discovery.Candidate;
import dev.agentmarketplace.core.discovery.SearchCriteria;
import dev.agentmarketplace.core.discovery.SearchCursor;
import dev.agentmarketplace.core.discovery.SearchHit;
import dev.agentmarketplace.core.discovery.SearchSort;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.Metadata;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.core.reputation.ReputationRepository;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AgentSearch} must do; persistence runs it against H2 and PostgreSQL. Agents are
 * stored through {@link AgentRepository}, summaries through {@link ReputationRepository}, and hires
 * through {@link #recordHires}, which each adapter implements with its own ledger storage.
 */
public abstract class AgentSearchContract {
    protected static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final double UNRATED = 3.0;
    private static final WalletAddress WALLET = WalletAddress.of("0x209693Bc6afc0C5328bA36FaF03C514EF312287C");
    private static final Set<Availability> ANY = EnumSet.allOf(Availability.class);

    private AgentRepository agents;
    private ReputationRepository reputations;
    private AgentSearch search;
    private UnitOfWork unitOfWork;

    protected abstract AgentRepository agents();

    protected abstract ReputationRepository reputations();

    /** A search over {@link #agents()}, {@link #reputations()} and the hires of {@link #recordHires}. */
    protected abstract AgentSearch search();

    protected abstract UnitOfWork unitOfWork();

    /** Stores {@code count} hires of {@code provider}, created at {@code at} and not cancelled. */
    protected abstract void recordHires(AgentId provider, int count, Instant at);

    @BeforeEach
    void setUp() {
        agents = agents();
        reputations = reputations();
        search = search();
        unitOfWork = unitOfWork();
    }

    @Test
    void findsAgentsOfferingAnyOfTheCapabilities() {
        store(agent("py", "1.00 USDC", "python"));
        store(agent("rs", "1.00 USDC", "rust", "wasm"));
        store(agent("go", "1.00 USDC", "go"));

        assertThat(ids(offering(Set.of("python", "wasm")))).containsExactly("py", "rs");
    }

    @Test
    void priceCeilingKeepsAgentsOfItsCurrencyPricedAtOrBelowIt() {
        store(agent("cheap", "1.00 USDC", "python"));
        store(agent("exact", "2.00 USDC", "python"));
        store(agent("dear", "2.01 USDC", "python"));
        store(agent("euro", "1.00 EUR", "python"));

        SearchCriteria criteria = new SearchCriteria(
                Set.of(Capability.of("python")),
                Optional.of(money("2.00 USDC")),
                ANY,
                OptionalDouble.empty(),
                SearchSort.PRICE,
                Optional.empty(),
                200);

        assertThat(ids(criteria)).containsExactly("cheap", "exact");
    }

    @Test
    void currencyKeepsOnlyAgentsPricedInItInEverySortAndAcrossPages() {
        store(agent("u2", "2.00 USDC", "python"));
        store(agent("u1", "1.00 USDC", "python"));
        store(agent("e1", "0.50 EUR", "python"));
        store(agent("e2", "3.00 EUR", "python"));
        store(agent("u3", "3.00 USDC", "python"));

        for (SearchSort sort : SearchSort.values()) {
            SearchCriteria inUsdc =
                    SearchCriteria.of(Set.of(Capability.of("python")), ANY, Optional.of(Currency.USDC), sort, 200);
            assertThat(ids(inUsdc)).as(sort.name()).containsExactlyInAnyOrder("u1", "u2", "u3");
        }
        SearchCriteria firstPage = SearchCriteria.of(
                Set.of(Capability.of("python")), ANY, Optional.of(Currency.USDC), SearchSort.PRICE, 2);
        List<SearchHit> first = search.search(query(firstPage, 2));
        assertThat(first).extracting(hit -> hit.agent().id().value()).containsExactly("u1", "u2");
        SearchCriteria next = firstPage.continuingAfter(SearchCursor.of(first.getLast(), SearchSort.PRICE));
        assertThat(ids(next)).containsExactly("u3");
    }

    @Test
    void availabilityFilterUsesTheEffectiveAvailability() {
        store(agent("fresh", "1.00 USDC", Availability.ONLINE, NOW.minusSeconds(60), "python"));
        store(agent("lapsed", "1.00 USDC", Availability.ONLINE, NOW.minus(LEASE).minusSeconds(1), "python"));
        store(agent("busy", "1.00 USDC", Availability.BUSY, NOW, "python"));
        store(agent("upkeep", "1.00 USDC", Availability.MAINTENANCE, NOW, "python"));

        assertThat(ids(inState(Set.of(Availability.ONLINE)))).containsExactly("fresh");
        assertThat(ids(inState(Set.of(Availability.ONLINE, Availability.BUSY)))).containsExactly("busy", "fresh");
        List<SearchHit> offline = search.search(query(inState(Set.of(Availability.OFFLINE)), 200));
        assertThat(offline).singleElement().satisfies(hit -> {
            assertThat(hit.agent().id().value()).isEqualTo("lapsed");
            assertThat(hit.availability()).isEqualTo(Availability.OFFLINE);
        });
    }

    @Test
    void deregisteredAgentsNeverAppear() {
        store(agent("active", "1.00 USDC", "python"));
        Agent gone = agent("gone", "1.00 USDC", "python");
        store(gone.toBuilder().deregisteredAt(Optional.of(NOW.minusSeconds(10))).build());

        assertThat(ids(inState(ANY))).containsExactly("active");
    }

    @Test
    void minimumReputationUsesStoredScoresAndThePriorForUnratedAgents() {
        store(agent("good", "1.00 USDC", "python"));
        store(agent("poor", "1.00 USDC", "python"));
        store(agent("new", "1.00 USDC", "python"));
        summary("good", 4.5, 4.0);
        summary("poor", 2.0, 1.0);

        SearchCriteria criteria = new SearchCriteria(
                Set.of(Capability.of("python")),
                Optional.empty(),
                ANY,
                OptionalDouble.of(3.0),
                SearchSort.REPUTATION,
                Optional.empty(),
                200);
        List<SearchHit> hits = search.search(query(criteria, 200));

        assertThat(hits).extracting(hit -> hit.agent().id().value()).containsExactly("good", "new");
        assertThat(hits.get(0).reputation()).map(ReputationSummary::lowerBound).contains(4.0);
        assertThat(hits.get(0).score()).isEqualTo(4.5);
        assertThat(hits.get(1).reputation()).isEmpty();
        assertThat(hits.get(1).score()).isEqualTo(UNRATED);
    }

    @Test
    void reputationSortIsHighestScoreFirstWithTiesById() {
        store(agent("b", "1.00 USDC", "python"));
        store(agent("a", "1.00 USDC", "python"));
        store(agent("c", "1.00 USDC", "python"));
        store(agent("d", "1.00 USDC", "python"));
        summary("b", 4.0, 3.0);
        summary("a", 4.0, 3.5);
        summary("c", 4.8, 4.5);

        assertThat(ids(sorted(SearchSort.REPUTATION))).containsExactly("c", "a", "b", "d");
    }

    @Test
    void priceSortIsCheapestFirstGroupedByCurrencyWithTiesById() {
        store(agent("u2", "2.00 USDC", "python"));
        store(agent("u1b", "1.00 USDC", "python"));
        store(agent("u1a", "1.00 USDC", "python"));
        store(agent("e9", "9.00 EUR", "python"));

        assertThat(ids(sorted(SearchSort.PRICE))).containsExactly("e9", "u1a", "u1b", "u2");
    }

    @Test
    void loadSortIsLeastLoadedFirstCountingOnlyRecentHires() {
        store(agent("idle", "1.00 USDC", 10, Availability.ONLINE, NOW, "python"));
        store(agent("half", "1.00 USDC", 10, Availability.ONLINE, NOW, "python"));
        store(agent("big", "1.00 USDC", 100, Availability.ONLINE, NOW, "python"));
        recordHires(AgentId.of("half"), 5, NOW.minus(Duration.ofMinutes(30)));
        recordHires(AgentId.of("idle"), 7, NOW.minus(Duration.ofHours(2)));
        recordHires(AgentId.of("big"), 10, NOW.minus(Duration.ofMinutes(59)));

        List<SearchHit> hits = search.search(query(sorted(SearchSort.LOAD), 200));

        assertThat(hits).extracting(hit -> hit.agent().id().value()).containsExactly("idle", "big", "half");
        assertThat(hits).extracting(SearchHit::recentHires).containsExactly(0L, 10L, 5L);
        assertThat(hits).extracting(SearchHit::load).containsExactly(0.0, 0.1, 0.5);
    }

    @Test
    void cursorsVisitEveryMatchOnceInOrderForEverySort() {
        String[] prices = {"3.00", "1.00", "2.00", "1.00", "5.00", "2.00", "4.00"};
        for (int i = 0; i < prices.length; i++) {
            store(agent("agent-" + i, prices[i] + " USDC", 1 + i, Availability.ONLINE, NOW, "python"));
            recordHires(AgentId.of("agent-" + i), i % 3, NOW.minusSeconds(60));
        }
        summary("agent-1", 4.0, 3.0);
        summary("agent-4", 4.0, 3.0);
        summary("agent-5", 1.0, 0.5);
        for (SearchSort sort : SearchSort.values()) {
            List<String> all = ids(sorted(sort));
            List<String> paged = new ArrayList<>();
            SearchCriteria criteria = sorted(sort);
            while (true) {
                List<SearchHit> page = search.search(query(criteria, 3));
                page.forEach(hit -> paged.add(hit.agent().id().value()));
                if (page.size() < 3) {
                    break;
                }
                criteria = criteria.continuingAfter(SearchCursor.of(page.getLast(), sort));
            }

            assertThat(paged).as("pages of %s", sort).isEqualTo(all).hasSize(prices.length);
        }
    }

    /**
     * An agent offering several of the capabilities is one match: listed once, in its place, and
     * never again on a later page, whatever the sort.
     */
    @Test
    void cursorsVisitEachAgentOfSeveralCapabilitiesOnceInOrderForEverySort() {
        store(agent("both-a", "3.00 USDC", 10, Availability.ONLINE, NOW, "python", "rust"));
        store(agent("py-b", "1.00 USDC", 10, Availability.ONLINE, NOW, "python"));
        store(agent("rs-c", "2.00 USDC", 5, Availability.ONLINE, NOW, "rust"));
        store(agent("both-d", "5.00 USDC", 4, Availability.ONLINE, NOW, "python", "rust", "go"));
        store(agent("py-e", "4.00 USDC", 2, Availability.ONLINE, NOW, "python"));
        store(agent("go-f", "0.50 USDC", 10, Availability.ONLINE, NOW, "go"));
        recordHires(AgentId.of("both-a"), 2, NOW.minus(Duration.ofMinutes(20)));
        recordHires(AgentId.of("rs-c"), 1, NOW.minus(Duration.ofMinutes(5)));
        recordHires(AgentId.of("py-e"), 1, NOW.minus(Duration.ofMinutes(40)));
        summary("rs-c", 4.5, 4.0);
        summary("py-e", 2.0, 1.0);
        Set<Capability> pythonOrRust = Set.of(Capability.of("python"), Capability.of("rust"));
        Map<SearchSort, List<String>> expected = Map.of(
                SearchSort.REPUTATION, List.of("rs-c", "both-a", "both-d", "py-b", "py-e"),
                SearchSort.PRICE, List.of("py-b", "rs-c", "both-a", "py-e", "both-d"),
                // Loads 0 (both-d, py-b), 0.2 (both-a, rs-c), 0.5 (py-e); ties by id.
                SearchSort.LOAD, List.of("both-d", "py-b", "both-a", "rs-c", "py-e"));

        for (SearchSort sort : SearchSort.values()) {
            SearchCriteria criteria = SearchCriteria.of(pythonOrRust, ANY, sort, 200);
            List<String> paged = new ArrayList<>();
            while (true) {
                List<SearchHit> page = search.search(query(criteria, 2));
                page.forEach(hit -> paged.add(hit.agent().id().value()));
                if (page.size() < 2) {
                    break;
                }
                criteria = criteria.continuingAfter(SearchCursor.of(page.getLast(), sort));
            }

            assertThat(paged).as("pages of %s", sort).isEqualTo(expected.get(sort));
        }
        assertThat(search.search(query(SearchCriteria.of(pythonOrRust, ANY, SearchSort.REPUTATION, 200), 200)))
                .extracting(hit -> hit.agent().id().value(), SearchHit::recentHires, SearchHit::load)
                .containsExactly(
                        tuple("rs-c", 1L, 0.2),
                        tuple("both-a", 2L, 0.2),
                        tuple("both-d", 0L, 0.0),
                        tuple("py-b", 0L, 0.0),
                        tuple("py-e", 1L, 0.5));
    }

    /** Issue 13: candidates are the search's rows, in its order, with the values ranking reads. */
    @Test
    void candidatesAreTheSearchsRowsInItsOrder() {
        store(agent("a", "1.00 USDC", 10, Availability.ONLINE, NOW, "python"));
        store(agent("b", "2.50 USDC", 4, Availability.BUSY, NOW, "python"));
        store(agent("c", "3.00 USDC", 10, Availability.ONLINE, NOW, "python"));
        store(agent("d", "3.00 EUR", 10, Availability.ONLINE, NOW, "python"));
        store(agent("e", "1.00 USDC", 10, Availability.ONLINE, NOW.minus(LEASE).minusSeconds(1), "python"));
        summary("b", 4.5, 4.0);
        summary("c", 2.5, 1.5);
        recordHires(AgentId.of("b"), 2, NOW.minus(Duration.ofMinutes(15)));
        SearchCriteria criteria = SearchCriteria.of(
                Set.of(Capability.of("python")),
                EnumSet.of(Availability.ONLINE, Availability.BUSY),
                Optional.of(Currency.USDC),
                SearchSort.REPUTATION,
                2);

        List<Candidate> first = search.candidates(query(criteria, 2));
        List<Candidate> second = search.candidates(query(
                criteria.continuingAfter(new SearchCursor.ByReputation(
                        first.getLast().score(), first.getLast().id())),
                2));

        assertThat(first)
                .containsExactly(
                        new Candidate(
                                AgentId.of("b"),
                                money("2.50 USDC"),
                                Availability.BUSY,
                                OptionalDouble.of(4.0),
                                4.5,
                                2,
                                0.5),
                        new Candidate(
                                AgentId.of("a"),
                                money("1.00 USDC"),
                                Availability.ONLINE,
                                OptionalDouble.empty(),
                                UNRATED,
                                0,
                                0));
        assertThat(second)
                .containsExactly(new Candidate(
                        AgentId.of("c"), money("3.00 USDC"), Availability.ONLINE, OptionalDouble.of(1.5), 2.5, 0, 0));
    }

    /** What discovery reads whole after ranking: the agents asked for that match, in the order asked. */
    @Test
    void hitsOfAgentsAreThoseTheSearchFindsInTheOrderAsked() {
        store(agent("a", "1.00 USDC", 10, Availability.ONLINE, NOW, "python"));
        Metadata profile = Metadata.of(Map.of("region", "eu", "tier", "gold"));
        store(agent("b", "2.00 USDC", 5, Availability.ONLINE, NOW, "python", "rust").toBuilder()
                .metadata(profile)
                .build());
        store(agent("c", "3.00 USDC", 10, Availability.MAINTENANCE, NOW, "python"));
        store(agent("d", "1.00 USDC", 10, Availability.ONLINE, NOW, "go"));
        summary("b", 4.0, 3.5);
        recordHires(AgentId.of("b"), 1, NOW.minus(Duration.ofMinutes(5)));
        SearchCriteria online = SearchCriteria.of(
                Set.of(Capability.of("python")), Set.of(Availability.ONLINE), SearchSort.REPUTATION, 1);

        List<SearchHit> hits = search.hitsOf(
                List.of(AgentId.of("b"), AgentId.of("c"), AgentId.of("d"), AgentId.of("a"), AgentId.of("zz")),
                query(online.continuingAfter(new SearchCursor.ByReputation(0.5, AgentId.of("zz"))), 1));

        assertThat(hits).extracting(hit -> hit.agent().id().value()).containsExactly("b", "a");
        assertThat(hits.getFirst()).satisfies(hit -> {
            assertThat(hit.agent().capabilities()).containsExactly(Capability.of("python"), Capability.of("rust"));
            assertThat(hit.agent().metadata()).isEqualTo(profile);
            assertThat(hit.availability()).isEqualTo(Availability.ONLINE);
            assertThat(hit.reputation()).map(ReputationSummary::lowerBound).contains(3.5);
            assertThat(hit.score()).isEqualTo(4.0);
            assertThat(hit.recentHires()).isEqualTo(1);
            assertThat(hit.load()).isEqualTo(0.2);
        });
        assertThat(search.search(query(SearchCriteria.of(Set.of(Capability.of("rust")), ANY, SearchSort.LOAD, 10), 10)))
                .singleElement()
                .satisfies(hit -> {
                    assertThat(hit.agent().capabilities())
                            .containsExactly(Capability.of("python"), Capability.of("rust"));
                    assertThat(hit.agent().metadata()).isEqualTo(profile);
                });
    }

    @Test
    void returnsAtMostTheQueryLimit() {
        for (int i = 0; i < 5; i++) {
            store(agent("agent-" + i, "1.00 USDC", "python"));
        }

        assertThat(search.search(query(sorted(SearchSort.REPUTATION), 2)))
                .extracting(hit -> hit.agent().id().value())
                .containsExactly("agent-0", "agent-1");
    }

    private void store(Agent agent) {
        unitOfWork.run(() -> agents.add(agent));
    }

    private void summary(String id, double score, double lowerBound) {
        unitOfWork.run(() -> reputations.saveSummary(
                new ReputationSummary(AgentId.of(id), score, lowerBound, 10, NOW.minusSeconds(30))));
    }

    private List<String> ids(SearchCriteria criteria) {
        return search.search(query(criteria, 200)).stream()
                .map(hit -> hit.agent().id().value())
                .toList();
    }

    private static AgentSearch.Query query(SearchCriteria criteria, int limit) {
        return new AgentSearch.Query(criteria, NOW, LEASE, NOW.minus(Duration.ofHours(1)), UNRATED, limit);
    }

    private static SearchCriteria offering(Set<String> capabilities) {
        return SearchCriteria.of(
                capabilities.stream().map(Capability::of).collect(Collectors.toSet()), ANY, SearchSort.REPUTATION, 200);
    }

    private static SearchCriteria inState(Set<Availability> availability) {
        return SearchCriteria.of(Set.of(Capability.of("python")), availability, SearchSort.REPUTATION, 200);
    }

    private static SearchCriteria sorted(SearchSort sort) {
        return SearchCriteria.of(Set.of(Capability.of("python")), ANY, sort, 200);
    }

    private static Agent agent(String id, String price, String... capabilities) {
        return agent(id, price, 10, Availability.ONLINE, NOW, capabilities);
    }

    private static Agent agent(
            String id, String price, Availability availability, Instant lastSeen, String... capabilities) {
        return agent(id, price, 10, availability, lastSeen, capabilities);
    }

    protected static Agent agent(
            String id,
            String price,
            int capacity,
            Availability availability,
            Instant lastSeen,
            String... capabilities) {
        return new Agent(
                AgentId.of(id),
                "Agent " + id,
                "owner-of-" + id,
                Arrays.stream(capabilities).map(Capability::of).collect(Collectors.toCollection(TreeSet::new)),
                money(price),
                WALLET,
                availability,
                lastSeen,
                capacity,
                Metadata.EMPTY,
                NOW.minus(Duration.ofDays(1)),
                Optional.empty(),
                0);
    }

    private static Money money(String amountAndCurrency) {
        String[] parts = amountAndCurrency.split(" ");
        return Money.of(parts[0], parts[1]);
    }
}
