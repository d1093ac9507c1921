package dev.agentmarketplace.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.AgentStatus;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.RegistrySettings;
import dev.agentmarketplace.core.reputation.ReputationPolicy;
import dev.agentmarketplace.core.testing.InMemoryAgentCatalog;
import dev.agentmarketplace.core.testing.InMemoryAgentRepository;
import dev.agentmarketplace.core.testing.InMemoryReputationRepository;
import dev.agentmarketplace.core.testing.InMemoryUnitOfWork;
import dev.agentmarketplace.core.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentListingTest {
    private final MutableClock clock = MutableClock.at("2026-12-03T08:00:00Z");
    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository(unitOfWork);
    private final InMemoryReputationRepository reputations = new InMemoryReputationRepository(unitOfWork);
    private final AgentRegistry registry = new AgentRegistry(agents, unitOfWork, clock, RegistrySettings.DEFAULTS);
    private final AgentListing listing = new AgentListing(
            new InMemoryAgentCatalog(agents, reputations),
            RegistrySettings.DEFAULTS.heartbeatLease(),
            ReputationPolicy.DEFAULTS,
            clock);

    @Test
    void pagesCoverEveryAgentOnceInIdOrderDeregisteredIncluded() {
        for (int i = 0; i < 5; i++) {
            registry.register(Agents.registration("agent-" + i, "python"));
        }
        registry.deregister(AgentId.of("agent-3"));

        List<String> seen = new ArrayList<>();
        List<AgentStatus> statuses = new ArrayList<>();
        Optional<AgentId> after = Optional.empty();
        int pages = 0;
        do {
            ListingPage page = listing.page(AgentFilter.ALL, after, 2);
            page.agents().forEach(row -> {
                seen.add(row.agent().id().value());
                statuses.add(row.status());
            });
            after = page.nextCursor();
            pages++;
        } while (after.isPresent());

        assertThat(seen).containsExactly("agent-0", "agent-1", "agent-2", "agent-3", "agent-4");
        assertThat(statuses.get(3)).isEqualTo(AgentStatus.DEREGISTERED);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void lastPageHasNoCursor() {
        registry.register(Agents.registration("only", "python"));

        ListingPage page = listing.page(AgentFilter.ALL, Optional.empty(), 1);

        assertThat(page.agents()).hasSize(1);
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void statusFollowsTheHeartbeatLeaseOfTheClock() {
        registry.register(Agents.registration("quiet", "python"));
        AgentFilter online = new AgentFilter(
                Optional.empty(),
                Set.of(AgentStatus.ONLINE),
                Optional.empty(),
                Optional.empty(),
                OptionalDouble.empty());
        assertThat(listing.page(online, Optional.empty(), 10).agents()).hasSize(1);

        clock.advance(RegistrySettings.DEFAULTS.heartbeatLease().plusSeconds(1));

        assertThat(listing.page(online, Optional.empty(), 10).agents()).isEmpty();
        assertThat(listing.page(AgentFilter.ALL, Optional.empty(), 10)
                        .agents()
                        .getFirst()
                        .status())
                .isEqualTo(AgentStatus.OFFLINE);
    }

    @Test
    void rowsBreakingTheFilterAreDroppedWithoutEndingTheListing() {
        registry.register(Agents.registration("a", "python"));
        registry.register(Agents.registration("b", "rust"));
        registry.register(Agents.registration("c", "python"));
        AgentFilter python = new AgentFilter(
                Optional.of(Capability.of("python")),
                Set.of(),
                Optional.empty(),
                Optional.empty(),
                OptionalDouble.empty());
        // A port that ignores the filter, as a faulty adapter might.
        AgentListing careless = new AgentListing(
                query -> new InMemoryAgentCatalog(agents, reputations)
                        .list(new AgentCatalog.Query(
                                AgentFilter.ALL,
                                query.now(),
                                query.heartbeatLease(),
                                query.unratedScore(),
                                query.after(),
                                query.limit())),
                RegistrySettings.DEFAULTS.heartbeatLease(),
                ReputationPolicy.DEFAULTS,
                clock);

        ListingPage first = careless.page(python, Optional.empty(), 2);

        assertThat(first.agents()).extracting(row -> row.agent().id().value()).containsExactly("a");
        assertThat(first.nextCursor()).contains(AgentId.of("b"));
        assertThat(careless.page(python, first.nextCursor(), 2).agents())
                .extracting(row -> row.agent().id().value())
                .containsExactly("c");
    }

    @Test
    void pageSizeIsBounded() {
        assertThatThrownBy(() -> listing.page(AgentFilter.ALL, Optional.empty(), 0))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> listing.page(AgentFilter.ALL, Optional.empty(), AgentListing.MAX_PAGE_SIZE + 1))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void priceCeilingBringsItsCurrencyAndRefusesAnother() {
        AgentFilter ceiling = new AgentFilter(
                Optional.empty(),
                Set.of(),
                Optional.of(Money.of("2.00", "USDC")),
                Optional.empty(),
                OptionalDouble.empty());
        assertThat(ceiling.currency()).contains(Currency.USDC);

        assertThatThrownBy(() -> new AgentFilter(
                        Optional.empty(),
                        Set.of(),
                        Optional.of(Money.of("2.00", "USDC")),
                        Optional.of(Currency.of("EUR")),
                        OptionalDouble.empty()))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("currency"));
        assertThatThrownBy(() -> new AgentFilter(
                        Optional.empty(),
                        Set.of(),
                        Optional.of(Money.of("-1.00", "USDC")),
                        Optional.empty(),
                        OptionalDouble.empty()))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("maxPrice"));
    }

    @Test
    void minimumReputationMustLieOnTheScale() {
        for (double outside : new double[] {-0.1, 5.1, Double.NaN}) {
            assertThatThrownBy(() -> new AgentFilter(
                            Optional.empty(), Set.of(), Optional.empty(), Optional.empty(), OptionalDouble.of(outside)))
                    .isInstanceOfSatisfying(
                            InvalidValueException.class,
                            e -> assertThat(e.field()).isEqualTo("minReputation"));
        }
    }

    @Test
    void deregisteredOutranksEveryAvailabilityInTheStatus() {
        registry.register(Agents.registration("gone", "python"));
        var agent = registry.deregister(AgentId.of("gone"));

        assertThat(AgentStatus.of(agent, clock.instant(), Duration.ofMinutes(5)))
                .isEqualTo(AgentStatus.DEREGISTERED);
        assertThat(AgentStatus.of(
                        agent.toBuilder().deregisteredAt(Optional.empty()).build(),
                        clock.instant(),
                        Duration.ofMinutes(5)))
                .isEqualTo(AgentStatus.ONLINE);
        assertThat(AgentStatus.of(Availability.MAINTENANCE)).isEqualTo(AgentStatus.MAINTENANCE);
    }
}
