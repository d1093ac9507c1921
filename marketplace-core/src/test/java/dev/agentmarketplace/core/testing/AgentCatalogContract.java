package dev.agentmarketplace.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.discovery.AgentCatalog;
import dev.agentmarketplace.core.discovery.AgentFilter;
import dev.agentmarketplace.core.discovery.ListedAgent;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.AgentStatus;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.Metadata;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.core.reputation.ReputationRepository;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import java.time.Duration;
import java.time.Instant;
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
 * What every {@link AgentCatalog} must do; persistence runs it against H2 and PostgreSQL. Agents are
 * stored through {@link AgentRepository}, summaries through {@link ReputationRepository}.
 */
public abstract class AgentCatalogContract {
    protected static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final double UNRATED = 3.0;
    private static final WalletAddress WALLET = WalletAddress.of("0x209693Bc6afc0C5328bA36FaF03C514EF312287C");

    private AgentRepository agents;
    private ReputationRepository reputations;
    private AgentCatalog catalog;
    private UnitOfWork unitOfWork;

    protected abstract AgentRepository agents();

    protected abstract ReputationRepository reputations();

    /** A listing over {@link #agents()} and {@link #reputations()}. */
    protected abstract AgentCatalog catalog();

    protected abstract UnitOfWork unitOfWork();

    @BeforeEach
    void setUp() {
        agents = agents();
        reputations = reputations();
        catalog = catalog();
        unitOfWork = unitOfWork();
    }

    @Test
    void listsEveryAgentInIdOrderDeregisteredOnesIncludedAndShownAsSuch() {
        store(agent("b-live", "1.00 USDC", "python"));
        store(agent("a-gone", "1.00 USDC", "python"));
        deregister("a-gone");

        List<ListedAgent> rows = catalog.list(query(AgentFilter.ALL, Optional.empty(), 50));

        assertThat(rows).extracting(row -> row.agent().id().value()).containsExactly("a-gone", "b-live");
        assertThat(rows).extracting(ListedAgent::status).containsExactly(AgentStatus.DEREGISTERED, AgentStatus.ONLINE);
        assertThat(rows.getFirst().agent().isDeregistered()).isTrue();
    }

    @Test
    void capabilityKeepsOnlyAgentsOfferingIt() {
        store(agent("py", "1.00 USDC", "python", "sql"));
        store(agent("rs", "1.00 USDC", "rust"));
        store(agent("py-gone", "1.00 USDC", "python"));
        deregister("py-gone");

        assertThat(ids(filter(Optional.of("python"), Set.of(), Optional.empty(), Optional.empty(), null)))
                .containsExactly("py", "py-gone");
    }

    @Test
    void statusesAreEffectiveAvailabilityOrDeregistered() {
        store(agent("online", "1.00 USDC", Availability.ONLINE, NOW, "python"));
        store(agent("busy", "1.00 USDC", Availability.BUSY, NOW, "python"));
        store(agent("lapsed", "1.00 USDC", Availability.ONLINE, NOW.minus(LEASE).minusSeconds(1), "python"));
        store(agent("maintenance", "1.00 USDC", Availability.MAINTENANCE, NOW, "python"));
        store(agent("gone", "1.00 USDC", Availability.ONLINE, NOW, "python"));
        deregister("gone");

        Map<AgentStatus, List<String>> expected = Map.of(
                AgentStatus.ONLINE, List.of("online"),
                AgentStatus.BUSY, List.of("busy"),
                AgentStatus.OFFLINE, List.of("lapsed"),
                AgentStatus.MAINTENANCE, List.of("maintenance"),
                AgentStatus.DEREGISTERED, List.of("gone"));
        expected.forEach((status, ids) -> assertThat(
                        ids(filter(Optional.empty(), Set.of(status), Optional.empty(), Optional.empty(), null)))
                .as(status.name())
                .containsExactlyElementsOf(ids));
        assertThat(ids(filter(
                        Optional.empty(),
                        EnumSet.of(AgentStatus.OFFLINE, AgentStatus.DEREGISTERED),
                        Optional.empty(),
                        Optional.empty(),
                        null)))
                .containsExactly("gone", "lapsed");
    }

    @Test
    void priceCeilingKeepsAgentsOfItsCurrencyPricedAtOrBelowIt() {
        store(agent("cheap", "1.00 USDC", "python"));
        store(agent("exact", "2.00 USDC", "python"));
        store(agent("dear", "2.01 USDC", "python"));
        store(agent("euro", "1.00 EUR", "python"));

        assertThat(ids(filter(Optional.empty(), Set.of(), Optional.of(money("2.00 USDC")), Optional.empty(), null)))
                .containsExactly("cheap", "exact");
    }

    @Test
    void currencyAloneKeepsAgentsPricedInIt() {
        store(agent("u", "9.00 USDC", "python"));
        store(agent("e", "1.00 EUR", "python"));

        assertThat(ids(filter(Optional.empty(), Set.of(), Optional.empty(), Optional.of(Currency.of("EUR")), null)))
                .containsExactly("e");
    }

    @Test
    void minimumReputationCountsAnUnratedAgentAsThePrior() {
        store(agent("high", "1.00 USDC", "python"));
        store(agent("low", "1.00 USDC", "python"));
        store(agent("unrated", "1.00 USDC", "python"));
        summary("high", 4.5, 4.0);
        summary("low", 2.0, 1.0);

        assertThat(ids(filter(Optional.empty(), Set.of(), Optional.empty(), Optional.empty(), 4.5)))
                .containsExactly("high");
        assertThat(ids(filter(Optional.empty(), Set.of(), Optional.empty(), Optional.empty(), 3.0)))
                .containsExactly("high", "unrated");
        List<ListedAgent> rows = catalog.list(query(AgentFilter.ALL, Optional.empty(), 50));
        assertThat(rows.getFirst().reputation()).map(ReputationSummary::score).contains(4.5);
        assertThat(rows.getLast().reputation()).isEmpty();
    }

    @Test
    void everyFilterTogetherMustHold() {
        store(agent("match", "1.00 USDC", "python"));
        store(agent("wrong-capability", "1.00 USDC", "rust"));
        store(agent("too-dear", "5.00 USDC", "python"));
        store(agent("too-low", "1.00 USDC", "python"));
        store(agent("in-maintenance", "1.00 USDC", Availability.MAINTENANCE, NOW, "python"));
        summary("match", 4.0, 3.5);
        summary("wrong-capability", 4.0, 3.5);
        summary("too-dear", 4.0, 3.5);
        summary("too-low", 2.0, 1.5);
        summary("in-maintenance", 4.0, 3.5);

        assertThat(ids(filter(
                        Optional.of("python"),
                        Set.of(AgentStatus.ONLINE),
                        Optional.of(money("2.00 USDC")),
                        Optional.empty(),
                        3.5)))
                .containsExactly("match");
    }

    @Test
    void pagesFollowOneAnotherByIdWithoutGapOrRepeat() {
        for (int i = 0; i < 7; i++) {
            store(agent("agent-" + i, "1.00 USDC", i % 2 == 0 ? "python" : "rust"));
        }
        AgentFilter python = filter(Optional.of("python"), Set.of(), Optional.empty(), Optional.empty(), null);

        List<ListedAgent> first = catalog.list(query(python, Optional.empty(), 2));
        List<ListedAgent> second =
                catalog.list(query(python, Optional.of(first.getLast().agent().id()), 2));
        List<ListedAgent> third =
                catalog.list(query(python, Optional.of(second.getLast().agent().id()), 2));

        assertThat(first).extracting(row -> row.agent().id().value()).containsExactly("agent-0", "agent-2");
        assertThat(second).extracting(row -> row.agent().id().value()).containsExactly("agent-4", "agent-6");
        assertThat(third).isEmpty();
    }

    @Test
    void listedAgentsCarryTheirWholeProfile() {
        store(agent("full", "1.50 USDC", "python", "sql"));

        Agent listed = catalog.list(query(AgentFilter.ALL, Optional.empty(), 1))
                .getFirst()
                .agent();

        assertThat(listed.capabilities()).containsExactly(Capability.of("python"), Capability.of("sql"));
        assertThat(listed.price()).isEqualTo(money("1.50 USDC"));
        assertThat(listed.displayName()).isEqualTo("Agent full");
        assertThat(listed.capacityPerHour()).isEqualTo(10);
    }

    private void store(Agent agent) {
        unitOfWork.run(() -> agents.add(agent));
    }

    private void deregister(String id) {
        unitOfWork.run(() -> {
            Agent agent = agents.findByIdForUpdate(AgentId.of(id)).orElseThrow();
            agents.update(agent.toBuilder()
                    .deregisteredAt(Optional.of(NOW.minusSeconds(60)))
                    .build());
        });
    }

    private void summary(String id, double score, double lowerBound) {
        unitOfWork.run(() -> reputations.saveSummary(
                new ReputationSummary(AgentId.of(id), score, lowerBound, 10, NOW.minusSeconds(30))));
    }

    private List<String> ids(AgentFilter filter) {
        return catalog.list(query(filter, Optional.empty(), 200)).stream()
                .map(row -> row.agent().id().value())
                .toList();
    }

    private static AgentCatalog.Query query(AgentFilter filter, Optional<AgentId> after, int limit) {
        return new AgentCatalog.Query(filter, NOW, LEASE, UNRATED, after, limit);
    }

    private static AgentFilter filter(
            Optional<String> capability,
            Set<AgentStatus> statuses,
            Optional<Money> ceiling,
            Optional<Currency> currency,
            Double minReputation) {
        return new AgentFilter(
                capability.map(Capability::of),
                statuses,
                ceiling,
                currency,
                minReputation == null ? OptionalDouble.empty() : OptionalDouble.of(minReputation));
    }

    private static Agent agent(String id, String price, String... capabilities) {
        return agent(id, price, Availability.ONLINE, NOW, capabilities);
    }

    private static Agent agent(
            String id, String price, Availability availability, Instant lastSeen, String... capabilities) {
        return new Agent(
                AgentId.of(id),
                "Agent " + id,
                "owner-of-" + id,
                Arrays.stream(capabilities).map(Capability::of).collect(Collectors.toCollection(TreeSet::new)),
                money(price),
                WALLET,
                availability,
                lastSeen,
                10,
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
