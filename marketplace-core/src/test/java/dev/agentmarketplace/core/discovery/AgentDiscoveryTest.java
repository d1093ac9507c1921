package dev.agentmarketplace.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.RuleViolationException;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.Metadata;
import dev.agentmarketplace.core.reputation.ReputationPolicy;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import dev.agentmarketplace.core.testing.InMemoryAgentRepository;
import dev.agentmarketplace.core.testing.InMemoryAgentSearch;
import dev.agentmarketplace.core.testing.InMemoryReputationRepository;
import dev.agentmarketplace.core.testing.InMemorySelectionStateStore;
import dev.agentmarketplace.core.testing.InMemoryUnitOfWork;
import dev.agentmarketplace.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AgentDiscoveryTest {
    private static final Capability PYTHON = Capability.of("python");
    private static final double UNRATED_LOW = 3 - 1.96 / Math.sqrt(5);

    private final MutableClock clock = MutableClock.at("2026-11-26T08:00:00Z");
    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository(unitOfWork);
    private final InMemoryReputationRepository reputations = new InMemoryReputationRepository(unitOfWork);
    private final DiscoveryTestHires hires = new DiscoveryTestHires();
    private final InMemorySelectionStateStore selectionState = new InMemorySelectionStateStore();
    private final List<Integer> randomDraws = new ArrayList<>();
    private final AgentDiscovery discovery = discovery(new InMemoryAgentSearch(agents, reputations, hires));

    private AgentDiscovery discovery(AgentSearch search) {
        return new AgentDiscovery(
                search,
                hires,
                selectionState,
                bound -> randomDraws.removeFirst(),
                ReputationPolicy.DEFAULTS,
                DiscoverySettings.DEFAULTS,
                clock);
    }

    @Test
    void searchPagesCarryACursorUntilTheLastPage() {
        IntStream.range(0, 5).forEach(i -> store("agent-" + i, "1.00 USDC", 10, Availability.ONLINE));
        SearchCriteria criteria = SearchCriteria.of(
                Set.of(PYTHON), Set.of(Availability.ONLINE), Optional.of(Currency.USDC), SearchSort.PRICE, 2);

        SearchPage first = discovery.search(criteria);
        SearchPage second =
                discovery.search(criteria.continuingAfter(first.nextCursor().orElseThrow()));
        SearchPage last =
                discovery.search(criteria.continuingAfter(second.nextCursor().orElseThrow()));

        assertThat(ids(first.hits())).containsExactly("agent-0", "agent-1");
        assertThat(ids(second.hits())).containsExactly("agent-2", "agent-3");
        assertThat(ids(last.hits())).containsExactly("agent-4");
        assertThat(last.nextCursor()).isEmpty();
    }

    @Test
    void searchNeverReturnsARowThatBreaksAFilterEvenIfThePortDoes() {
        Agent rust = agent("rusty", "1.00 USDC", 10, Availability.ONLINE, "rust");
        AgentSearch careless = query -> List.of(new SearchHit(rust, Availability.ONLINE, Optional.empty(), 3.0, 0, 0));

        SearchPage page = discovery(careless)
                .search(SearchCriteria.of(Set.of(PYTHON), Set.of(Availability.ONLINE), SearchSort.REPUTATION, 10));

        assertThat(page.hits()).isEmpty();
    }

    @Test
    void searchCriteriaRefuseWhatCannotBeAnswered() {
        Set<Capability> python = Set.of(PYTHON);
        Set<Availability> online = Set.of(Availability.ONLINE);
        assertThatThrownBy(() -> SearchCriteria.of(python, online, SearchSort.PRICE, 0))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("limit: must be between 1 and 200, was 0");
        assertThatThrownBy(() -> SearchCriteria.of(Set.of(), online, SearchSort.PRICE, 10))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("capabilities: at least one capability is required");
        assertThatThrownBy(() -> SearchCriteria.of(python, Set.of(), SearchSort.PRICE, 10))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("availability: at least one availability is required");
        assertThatThrownBy(() -> new SearchCriteria(
                        python,
                        Optional.empty(),
                        online,
                        OptionalDouble.of(5.5),
                        SearchSort.PRICE,
                        Optional.empty(),
                        10))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("minReputation: must be between 0 and 5, was 5.5");
        SearchCursor byLoad = new SearchCursor.ByLoad(0.5, AgentId.of("a"));
        assertThatThrownBy(() -> new SearchCriteria(
                        python,
                        Optional.empty(),
                        online,
                        OptionalDouble.empty(),
                        SearchSort.PRICE,
                        Optional.of(byLoad),
                        10))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("cursor: was made for sort LOAD, not PRICE");
    }

    @Test
    void recommendationRankCombinesLowerBoundPriceAndLoadAsDocumented() {
        store("proven", "1.00 USDC", 10, Availability.ONLINE);
        store("newcomer", "3.00 USDC", 10, Availability.ONLINE);
        summary("proven", 4.5, 4.0);
        hireRecently("newcomer", 5);

        List<Recommendation> ranked = discovery.recommend(PYTHON, 10, false);

        assertThat(ranked).extracting(r -> r.agent().id().value()).containsExactly("proven", "newcomer");
        Recommendation proven = ranked.get(0);
        assertThat(proven.reputationComponent()).isCloseTo(0.5 * 4.0 / 5, within(1e-12));
        assertThat(proven.priceComponent()).isCloseTo(0.3, within(1e-12));
        assertThat(proven.loadComponent()).isCloseTo(0.2, within(1e-12));
        assertThat(proven.rank()).isCloseTo(0.9, within(1e-12));
        Recommendation newcomer = ranked.get(1);
        assertThat(newcomer.lowerBound()).isCloseTo(UNRATED_LOW, within(1e-12));
        assertThat(newcomer.normalizedPrice()).isEqualTo(1.0);
        assertThat(newcomer.load()).isEqualTo(0.5);
        assertThat(newcomer.rank()).isCloseTo(0.5 * UNRATED_LOW / 5 + 0 + 0.2 * 0.5, within(1e-12));
    }

    /** Issue 13: the candidates are ranked from what ranking reads; only the agents recommended are read whole. */
    @Test
    void recommendReadsWholeOnlyTheAgentsItRecommends() {
        IntStream.range(0, 6).forEach(i -> store("agent-" + i, (i + 1) + ".00 USDC", 10, Availability.ONLINE));
        summary("agent-4", 4.8, 4.5);
        List<List<AgentId>> readWhole = new ArrayList<>();
        AgentSearch inMemory = new InMemoryAgentSearch(agents, reputations, hires);
        AgentSearch counting = new AgentSearch() {
            @Override
            public List<SearchHit> search(Query query) {
                throw new AssertionError("recommend reads candidates, not whole pages");
            }

            @Override
            public List<Candidate> candidates(Query query) {
                return inMemory.candidates(query);
            }

            @Override
            public List<SearchHit> hitsOf(List<AgentId> ids, Query query) {
                readWhole.add(ids);
                return inMemory.hitsOf(ids, query);
            }
        };

        List<Recommendation> top = discovery(counting).recommend(PYTHON, 2, false);

        // agent-0 is the cheapest (rank 0.712), agent-4 the proven one (0.45 + 0.06 + 0.2 = 0.71).
        assertThat(top).extracting(r -> r.agent().id().value()).containsExactly("agent-0", "agent-4");
        assertThat(readWhole).containsExactly(List.of(AgentId.of("agent-0"), AgentId.of("agent-4")));
    }

    /** Issue 3 still holds: an agent that no longer qualifies when read whole is not recommended. */
    @Test
    void aRecommendedAgentThatNoLongerQualifiesWhenReadWholeIsLeftOut() {
        store("cheap", "1.00 USDC", 10, Availability.ONLINE);
        store("dear", "2.00 USDC", 10, Availability.ONLINE);
        AgentSearch inMemory = new InMemoryAgentSearch(agents, reputations, hires);
        AgentSearch changedInBetween = new AgentSearch() {
            @Override
            public List<SearchHit> search(Query query) {
                return inMemory.search(query);
            }

            @Override
            public List<SearchHit> hitsOf(List<AgentId> ids, Query query) {
                // "cheap" went into maintenance after the candidates were read.
                return inMemory.hitsOf(ids, query).stream()
                        .map(hit -> hit.agent().id().value().equals("cheap")
                                ? new SearchHit(
                                        hit.agent().toBuilder()
                                                .availability(Availability.MAINTENANCE)
                                                .build(),
                                        Availability.ONLINE,
                                        hit.reputation(),
                                        hit.score(),
                                        hit.recentHires(),
                                        hit.load())
                                : hit)
                        .toList();
            }
        };

        assertThat(discovery(changedInBetween).recommend(PYTHON, 10, false))
                .extracting(r -> r.agent().id().value())
                .containsExactly("dear");
    }

    @Test
    void confidenceCountsInTheRankNotOnlyTheScore() {
        store("lucky", "1.00 USDC", 10, Availability.ONLINE);
        store("steady", "1.00 USDC", 10, Availability.ONLINE);
        summary("lucky", 4.9, 2.5);
        summary("steady", 4.7, 4.6);

        assertThat(discovery.recommend(PYTHON, 2, false))
                .extracting(r -> r.agent().id().value())
                .containsExactly("steady", "lucky");
    }

    @Test
    void busyAgentsAreRecommendedOnlyWhenAskedAndOfflineOnesNever() {
        store("online", "1.00 USDC", 10, Availability.ONLINE);
        store("busy", "1.00 USDC", 10, Availability.BUSY);
        store("upkeep", "1.00 USDC", 10, Availability.MAINTENANCE);
        store("offline", "1.00 USDC", 10, Availability.OFFLINE);

        assertThat(discovery.recommend(PYTHON, 10, false))
                .extracting(r -> r.agent().id().value())
                .containsExactly("online");
        assertThat(discovery.recommend(PYTHON, 10, true))
                .extracting(r -> r.agent().id().value())
                .containsExactly("busy", "online");
    }

    @Test
    void equalAgentsAreRankedByLongestSinceLastHireSoTheyShareWork() {
        store("a", "1.00 USDC", 10, Availability.ONLINE);
        store("b", "1.00 USDC", 10, Availability.ONLINE);
        store("c", "1.00 USDC", 10, Availability.ONLINE);
        store("d", "1.00 USDC", 10, Availability.ONLINE);
        // All hires are older than the load window, so the four agents rank exactly equal.
        hires.hire(
                AgentId.of("a"),
                PYTHON,
                Money.of("1.00", "USDC"),
                clock.instant().minus(Duration.ofMinutes(70)));
        hires.hire(
                AgentId.of("b"),
                PYTHON,
                Money.of("1.00", "USDC"),
                clock.instant().minus(Duration.ofHours(3)));

        List<Recommendation> ranked = discovery.recommend(PYTHON, 3, false);

        assertThat(ranked).extracting(r -> r.agent().id().value()).containsExactly("c", "d", "b");
        assertThat(ranked)
                .extracting(Recommendation::rank)
                .containsOnly(ranked.get(0).rank());
    }

    @Test
    void priceIsNormalizedAmongCandidatesOfTheCurrencyAskedFor() {
        store("usd-low", "1.00 USDC", 10, Availability.ONLINE);
        store("usd-mid", "1.50 USDC", 10, Availability.ONLINE);
        store("usd-high", "2.00 USDC", 10, Availability.ONLINE);
        store("euro", "50.00 EUR", 10, Availability.ONLINE);

        assertThat(discovery.recommend(PYTHON, 10, false, Optional.of(Currency.USDC)))
                .extracting(r -> r.agent().id().value() + "=" + r.normalizedPrice())
                .containsExactly("usd-low=0.0", "usd-mid=0.5", "usd-high=1.0");
        assertThat(discovery.recommend(PYTHON, 10, false, Optional.of(Currency.of("EUR"))))
                .extracting(r -> r.agent().id().value() + "=" + r.normalizedPrice())
                .containsExactly("euro=0.0");
    }

    // --- issue 11, finding 3: prices are compared only within one currency -----------------------

    @Test
    void recommendRefusesCandidatesPricedInSeveralCurrenciesUnlessACurrencyIsNamed() {
        store("usd-low", "1.00 USDC", 10, Availability.ONLINE);
        store("euro", "50.00 EUR", 10, Availability.ONLINE);

        assertThatThrownBy(() -> discovery.recommend(PYTHON, 10, false))
                .isInstanceOfSatisfying(
                        RuleViolationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MIXED_CURRENCIES))
                .hasMessage("the candidates for 'python' are priced in EUR and USDC, and prices are compared only"
                        + " within one currency: name one with currency");
        assertThat(discovery.recommend(PYTHON, 10, false, Optional.of(Currency.of("EUR"))))
                .extracting(r -> r.agent().id().value())
                .containsExactly("euro");
    }

    @Test
    void priceSortNeedsACurrencyAndRanksOnlyAgentsPricedInIt() {
        store("usd-high", "2.00 USDC", 10, Availability.ONLINE);
        store("usd-low", "1.00 USDC", 10, Availability.ONLINE);
        store("euro", "0.50 EUR", 10, Availability.ONLINE);
        Set<Availability> online = Set.of(Availability.ONLINE);

        assertThatThrownBy(() -> discovery.search(SearchCriteria.of(Set.of(PYTHON), online, SearchSort.PRICE, 10)))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("currency"))
                .hasMessage(
                        "currency: is required to sort by PRICE, as prices are compared only within one" + " currency");
        assertThat(ids(discovery
                        .search(SearchCriteria.of(
                                Set.of(PYTHON), online, Optional.of(Currency.USDC), SearchSort.PRICE, 10))
                        .hits()))
                .containsExactly("usd-low", "usd-high");
        assertThat(ids(discovery
                        .search(SearchCriteria.of(
                                Set.of(PYTHON), online, Optional.of(Currency.of("EUR")), SearchSort.REPUTATION, 10))
                        .hits()))
                .containsExactly("euro");
    }

    @Test
    void selectionWithACurrencyPicksOnlyAgentsPricedInIt() {
        store("usd-low", "1.00 USDC", 10, Availability.ONLINE);
        store("euro", "50.00 EUR", 10, Availability.ONLINE);

        assertThat(discovery
                        .select(PYTHON, new SelectionStrategy.LeastLoaded(), Optional.of(Currency.USDC))
                        .id()
                        .value())
                .isEqualTo("usd-low");
        assertThat(discovery
                        .select(PYTHON, new SelectionStrategy.LeastLoaded(), Optional.of(Currency.of("EUR")))
                        .id()
                        .value())
                .isEqualTo("euro");
        assertThatThrownBy(() ->
                        discovery.select(PYTHON, new SelectionStrategy.LeastLoaded(), Optional.of(Currency.of("JPY"))))
                .isInstanceOfSatisfying(
                        RuleViolationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_AGENT_AVAILABLE));
    }

    @Test
    void searchCriteriaRefuseACeilingOrACursorOfAnotherCurrency() {
        Set<Capability> python = Set.of(PYTHON);
        Set<Availability> online = Set.of(Availability.ONLINE);
        assertThatThrownBy(() -> new SearchCriteria(
                        python,
                        Optional.of(Money.of("2", "EUR")),
                        Optional.of(Currency.USDC),
                        online,
                        OptionalDouble.empty(),
                        SearchSort.PRICE,
                        Optional.empty(),
                        10))
                .hasMessage("currency: is USDC but the price ceiling is in EUR");
        SearchCursor euroCursor = new SearchCursor.ByPrice(Money.of("2", "EUR"), AgentId.of("a"));
        assertThatThrownBy(() -> SearchCriteria.of(python, online, Optional.of(Currency.USDC), SearchSort.PRICE, 10)
                        .continuingAfter(euroCursor))
                .hasMessage("cursor: was made for currency EUR, not USDC");
        assertThat(new SearchCriteria(
                                python,
                                Optional.of(Money.of("2", "EUR")),
                                online,
                                OptionalDouble.empty(),
                                SearchSort.PRICE,
                                Optional.empty(),
                                10)
                        .currency())
                .contains(Currency.of("EUR"));
    }

    @Test
    void recommendationCountMustBeOneToOneHundred() {
        assertThatThrownBy(() -> discovery.recommend(PYTHON, 0, false))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("topN: must be between 1 and 100, was 0");
        assertThat(discovery.recommend(PYTHON, 100, true)).isEmpty();
    }

    @Test
    void roundRobinGivesEachOnlineCandidateATurnInIdOrder() {
        store("b", "1.00 USDC", 10, Availability.ONLINE);
        store("a", "1.00 USDC", 10, Availability.ONLINE);
        store("c", "1.00 USDC", 10, Availability.ONLINE);
        store("busy", "1.00 USDC", 10, Availability.BUSY);

        List<String> picks = IntStream.range(0, 4)
                .mapToObj(i -> discovery
                        .select(PYTHON, new SelectionStrategy.RoundRobin())
                        .id()
                        .value())
                .toList();

        assertThat(picks).containsExactly("a", "b", "c", "a");
    }

    @Test
    void roundRobinTurnIsSharedByReplicasThroughTheStateStore() {
        store("a", "1.00 USDC", 10, Availability.ONLINE);
        store("b", "1.00 USDC", 10, Availability.ONLINE);
        AgentDiscovery otherReplica = discovery(new InMemoryAgentSearch(agents, reputations, hires));

        String first = discovery
                .select(PYTHON, new SelectionStrategy.RoundRobin())
                .id()
                .value();
        String second = otherReplica
                .select(PYTHON, new SelectionStrategy.RoundRobin())
                .id()
                .value();

        assertThat(List.of(first, second)).containsExactly("a", "b");
    }

    @Test
    void leastLoadedPicksTheLowestRecentHiresOverCapacityWithTiesById() {
        store("half", "1.00 USDC", 10, Availability.ONLINE);
        store("tenth", "1.00 USDC", 100, Availability.ONLINE);
        store("full", "1.00 USDC", 1, Availability.ONLINE);
        hireRecently("half", 5);
        hireRecently("tenth", 10);
        hireRecently("full", 1);

        assertThat(discovery
                        .select(PYTHON, new SelectionStrategy.LeastLoaded())
                        .id()
                        .value())
                .isEqualTo("tenth");

        store("also-tenth", "1.00 USDC", 10, Availability.ONLINE);
        hireRecently("also-tenth", 1);
        assertThat(discovery
                        .select(PYTHON, new SelectionStrategy.LeastLoaded())
                        .id()
                        .value())
                .isEqualTo("also-tenth");
    }

    @Test
    void seededRandomSelectionIsReproducibleAndUnseededUsesTheRandomSource() {
        IntStream.range(0, 20).forEach(i -> store("agent-" + i, "1.00 USDC", 10, Availability.ONLINE));

        for (long seed = 0; seed < 5; seed++) {
            Agent first = discovery.select(PYTHON, SelectionStrategy.Random.seeded(seed));
            Agent again = discovery.select(PYTHON, SelectionStrategy.Random.seeded(seed));
            assertThat(again).isEqualTo(first);
        }
        randomDraws.add(2);
        assertThat(discovery
                        .select(PYTHON, SelectionStrategy.Random.unseeded())
                        .id()
                        .value())
                .isEqualTo("agent-10");
    }

    @Test
    void selectionWithoutAnOnlineCandidateIsNoAgentAvailable() {
        store("busy", "1.00 USDC", 10, Availability.BUSY);
        store("rust", "1.00 USDC", 10, Availability.ONLINE, "rust");

        assertThatThrownBy(() -> discovery.select(PYTHON, new SelectionStrategy.LeastLoaded()))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_AGENT_AVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("no agent offering 'python' is online");
                });
    }

    @Test
    void analyticsReportSupplyPriceSpreadAndDemandOfTheWindow() {
        store("a", "1.00 USDC", 10, Availability.ONLINE);
        store("b", "3.00 USDC", 20, Availability.ONLINE);
        store("c", "2.00 USDC", 5, Availability.BUSY);
        store("d", "9.00 USDC", 5, Availability.OFFLINE);
        store("e", "7.00 EUR", 40, Availability.ONLINE);
        store("rust", "1.00 USDC", 10, Availability.ONLINE, "rust");
        Instant now = clock.instant();
        hires.hire(AgentId.of("a"), PYTHON, Money.of("1.00", "USDC"), now.minus(Duration.ofHours(2)));
        hires.hire(AgentId.of("e"), PYTHON, Money.of("7.00", "EUR"), now.minus(Duration.ofHours(3)));
        hires.hire(AgentId.of("b"), PYTHON, Money.of("3.00", "USDC"), now.minus(Duration.ofDays(2)));
        hires.hire(AgentId.of("rust"), Capability.of("rust"), Money.of("1.00", "USDC"), now.minusSeconds(5));

        CapabilityAnalytics analytics = discovery.analytics(PYTHON, Duration.ofDays(1));

        assertThat(analytics.agentsOffering()).isEqualTo(5);
        assertThat(analytics.agentsOnline()).isEqualTo(3);
        assertThat(analytics.onlineCapacityPerHour()).isEqualTo(70);
        assertThat(analytics.prices())
                .containsEntry(
                        Currency.USDC,
                        new PriceSpread(Money.of("1.00", "USDC"), Money.of("2.00", "USDC"), Money.of("9.00", "USDC")))
                .containsEntry(
                        Currency.of("EUR"),
                        new PriceSpread(Money.of("7.00", "EUR"), Money.of("7.00", "EUR"), Money.of("7.00", "EUR")));
        assertThat(analytics.from()).isEqualTo(now.minus(Duration.ofDays(1)));
        assertThat(analytics.to()).isEqualTo(now);
        assertThat(analytics.hires()).isEqualTo(2);
        assertThat(analytics.volume())
                .containsOnly(
                        java.util.Map.entry(Currency.USDC, Money.of("1.00", "USDC")),
                        java.util.Map.entry(Currency.of("EUR"), Money.of("7.00", "EUR")));
    }

    @Test
    void medianOfAnEvenNumberOfPricesIsTheLowerMiddleOne() {
        store("a", "1.00 USDC", 10, Availability.ONLINE);
        store("b", "2.00 USDC", 10, Availability.ONLINE);
        store("c", "3.01 USDC", 10, Availability.ONLINE);
        store("d", "4.00 USDC", 10, Availability.ONLINE);

        assertThat(discovery
                        .analytics(PYTHON, Duration.ofHours(1))
                        .prices()
                        .get(Currency.USDC)
                        .median())
                .isEqualTo(Money.of("2.00", "USDC"));
    }

    @Test
    void analyticsLeaveOutDeregisteredAgentsAndCountLapsedOnesOffline() {
        store("active", "1.00 USDC", 10, Availability.ONLINE);
        Agent lapsed = agent("lapsed", "1.00 USDC", 10, Availability.ONLINE, "python");
        unitOfWork.run(() -> agents.add(withLastSeen(lapsed, clock.instant().minus(Duration.ofMinutes(6)))));
        Agent gone = agent("gone", "1.00 USDC", 10, Availability.ONLINE, "python");
        unitOfWork.run(() -> agents.add(deregistered(gone)));

        CapabilityAnalytics analytics = discovery.analytics(PYTHON, Duration.ofHours(1));

        assertThat(analytics.agentsOffering()).isEqualTo(2);
        assertThat(analytics.agentsOnline()).isEqualTo(1);
    }

    @Test
    void analyticsWindowMustBePositiveAndAtMostAYear() {
        assertThatThrownBy(() -> discovery.analytics(PYTHON, Duration.ZERO))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("window: must be positive and at most 366 days");
        assertThatThrownBy(() -> discovery.analytics(PYTHON, Duration.ofDays(367)))
                .isInstanceOf(InvalidValueException.class);
    }

    private void store(String id, String price, int capacity, Availability availability, String... capabilities) {
        Agent agent = agent(id, price, capacity, availability, capabilities.length == 0 ? "python" : capabilities[0]);
        unitOfWork.run(() -> agents.add(agent));
    }

    private Agent agent(String id, String price, int capacity, Availability availability, String capability) {
        String[] parts = price.split(" ");
        return new Agent(
                AgentId.of(id),
                "Agent " + id,
                "owner-of-" + id,
                new TreeSet<>(Set.of(Capability.of(capability))),
                Money.of(parts[0], parts[1]),
                Agents.WALLET,
                availability,
                clock.instant(),
                capacity,
                Metadata.EMPTY,
                clock.instant().minus(Duration.ofDays(1)),
                Optional.empty(),
                0);
    }

    private static Agent withLastSeen(Agent agent, Instant lastSeen) {
        return agent.toBuilder().lastSeenAt(lastSeen).build();
    }

    private Agent deregistered(Agent agent) {
        return agent.toBuilder().deregisteredAt(Optional.of(clock.instant())).build();
    }

    private void summary(String id, double score, double lowerBound) {
        unitOfWork.run(() ->
                reputations.saveSummary(new ReputationSummary(AgentId.of(id), score, lowerBound, 20, clock.instant())));
    }

    private void hireRecently(String id, int count) {
        for (int i = 0; i < count; i++) {
            hires.hire(
                    AgentId.of(id),
                    PYTHON,
                    Money.of("1.00", "USDC"),
                    clock.instant().minus(Duration.ofMinutes(10)));
        }
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(hit -> hit.agent().id().value()).toList();
    }
}
