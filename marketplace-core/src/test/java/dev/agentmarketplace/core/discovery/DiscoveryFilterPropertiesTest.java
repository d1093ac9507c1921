package dev.agentmarketplace.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Issue 3, Discovery: results always satisfy every filter, whatever the agents and the criteria. */
class DiscoveryFilterPropertiesTest {
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    private static final List<String> CAPABILITIES = List.of("python", "rust", "go", "sql");
    private static final List<String> CURRENCIES = List.of("USDC", "EUR");

    /** An agent to store: its hires in the last hour and its reputation score in tenths (-1: unrated). */
    record AgentSpec(
            Set<String> capabilities,
            int priceCents,
            String currency,
            Availability declared,
            int lastSeenMinutesAgo,
            boolean deregistered,
            int scoreTenths,
            int recentHires) {}

    @Property(tries = 200)
    void everyResultSatisfiesEveryFilterAndPagesFindEveryMatchOnce(
            @ForAll("agents") List<AgentSpec> specs, @ForAll("criteria") SearchCriteria criteria) {
        InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
        InMemoryAgentRepository agents = new InMemoryAgentRepository(unitOfWork);
        InMemoryReputationRepository reputations = new InMemoryReputationRepository(unitOfWork);
        DiscoveryTestHires hires = new DiscoveryTestHires();
        for (int i = 0; i < specs.size(); i++) {
            store(i, specs.get(i), agents, reputations, hires);
        }
        AgentDiscovery discovery = new AgentDiscovery(
                new InMemoryAgentSearch(agents, reputations, hires),
                hires,
                new InMemorySelectionStateStore(),
                bound -> 0,
                ReputationPolicy.DEFAULTS,
                DiscoverySettings.DEFAULTS,
                MutableClock.at(NOW.toString()));

        List<String> found = new ArrayList<>();
        SearchCriteria page = criteria;
        while (true) {
            SearchPage result = discovery.search(page);
            assertThat(result.hits()).hasSizeLessThanOrEqualTo(criteria.limit());
            for (SearchHit hit : result.hits()) {
                AgentSpec spec =
                        specs.get(Integer.parseInt(hit.agent().id().value().substring("agent-".length())));
                assertThat(matches(spec, criteria))
                        .as("hit %s breaks %s", spec, criteria)
                        .isTrue();
                found.add(hit.agent().id().value());
            }
            if (result.nextCursor().isEmpty()) {
                break;
            }
            page = criteria.continuingAfter(result.nextCursor().get());
        }

        Set<String> expected = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            if (matches(specs.get(i), criteria)) {
                expected.add("agent-" + i);
            }
        }
        assertThat(found).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The filters restated from issue 3, independently of the code under test. */
    private static boolean matches(AgentSpec spec, SearchCriteria criteria) {
        // An agent unseen for longer than the registry's 90 s heartbeat lease is OFFLINE.
        Availability effective =
                spec.deregistered() || spec.lastSeenMinutesAgo() * 60L > 90 ? Availability.OFFLINE : spec.declared();
        double score = spec.scoreTenths() < 0 ? 3.0 : spec.scoreTenths() / 10.0;
        boolean capability = spec.capabilities().stream().map(Capability::of).anyMatch(criteria.anyOf()::contains);
        boolean currency = criteria.currency()
                .map(unit -> unit.code().equals(spec.currency()))
                .orElse(true);
        boolean price = criteria.priceCeiling()
                .map(ceiling -> ceiling.currency().code().equals(spec.currency())
                        && BigDecimal.valueOf(spec.priceCents(), 2).compareTo(ceiling.amount()) <= 0)
                .orElse(true);
        return !spec.deregistered()
                && capability
                && currency
                && price
                && criteria.availability().contains(effective)
                && (criteria.minReputation().isEmpty()
                        || score >= criteria.minReputation().getAsDouble());
    }

    private static void store(
            int index,
            AgentSpec spec,
            InMemoryAgentRepository agents,
            InMemoryReputationRepository reputations,
            DiscoveryTestHires hires) {
        AgentId id = AgentId.of("agent-" + index);
        agents.add(new Agent(
                id,
                "Agent " + index,
                "owner",
                spec.capabilities().stream().map(Capability::of).collect(Collectors.toCollection(TreeSet::new)),
                Money.of(BigDecimal.valueOf(spec.priceCents(), 2), Currency.of(spec.currency())),
                Agents.WALLET,
                spec.declared(),
                NOW.minus(Duration.ofMinutes(spec.lastSeenMinutesAgo())),
                1 + index % 7,
                Metadata.EMPTY,
                NOW.minus(Duration.ofDays(1)),
                spec.deregistered() ? Optional.of(NOW.minusSeconds(1)) : Optional.empty(),
                0));
        if (spec.scoreTenths() >= 0) {
            double score = spec.scoreTenths() / 10.0;
            reputations.saveSummary(new ReputationSummary(id, score, score / 2, 5, NOW));
        }
        for (int i = 0; i < spec.recentHires(); i++) {
            hires.hire(id, Capability.of("python"), Money.of("1.00", "USDC"), NOW.minusSeconds(60 + i));
        }
    }

    @Provide
    Arbitrary<List<AgentSpec>> agents() {
        Arbitrary<AgentSpec> agent = Combinators.combine(
                        Arbitraries.of(CAPABILITIES).set().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.integers().between(0, 500),
                        Arbitraries.of(CURRENCIES),
                        Arbitraries.of(Availability.class),
                        Arbitraries.integers().between(0, 10),
                        Arbitraries.of(false, false, false, true),
                        Arbitraries.integers().between(-1, 50),
                        Arbitraries.integers().between(0, 4))
                .as(AgentSpec::new);
        return agent.list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<SearchCriteria> criteria() {
        Arbitrary<Set<Capability>> anyOf = Arbitraries.of(CAPABILITIES)
                .set()
                .ofMinSize(1)
                .ofMaxSize(2)
                .map(names -> names.stream().map(Capability::of).collect(Collectors.toSet()));
        Arbitrary<Optional<Money>> ceiling = Combinators.combine(
                        Arbitraries.integers().between(0, 500), Arbitraries.of(CURRENCIES))
                .as((cents, currency) -> Money.of(BigDecimal.valueOf(cents, 2), Currency.of(currency)))
                .optional();
        Arbitrary<Set<Availability>> availability =
                Arbitraries.of(Availability.class).set().ofMinSize(1);
        Arbitrary<OptionalDouble> minReputation = Arbitraries.integers()
                .between(-1, 50)
                .map(tenths -> tenths < 0 ? OptionalDouble.empty() : OptionalDouble.of(tenths / 10.0));
        Arbitrary<Optional<Currency>> currency =
                Arbitraries.of(CURRENCIES).map(Currency::of).optional();
        return Combinators.combine(
                        anyOf,
                        ceiling,
                        currency,
                        availability,
                        minReputation,
                        Arbitraries.of(SearchSort.class),
                        Arbitraries.integers().between(1, 7))
                .as((capabilities, price, unit, states, min, sort, limit) -> new SearchCriteria(
                        capabilities,
                        price,
                        // A ceiling brings its currency; sorting by price needs one (issue 11).
                        price.isPresent()
                                ? Optional.empty()
                                : sort == SearchSort.PRICE && unit.isEmpty()
                                        ? Optional.of(Currency.of(CURRENCIES.getFirst()))
                                        : unit,
                        states,
                        min,
                        sort,
                        Optional.empty(),
                        limit));
    }
}
