package dev.agentmarketplace.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.testing.InMemoryAgentRepository;
import dev.agentmarketplace.core.testing.InMemoryUnitOfWork;
import dev.agentmarketplace.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AgentRegistryTest {
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final InMemoryAgentRepository repository = new InMemoryAgentRepository(unitOfWork);
    private final AgentRegistry registry = new AgentRegistry(repository, unitOfWork, clock, RegistrySettings.DEFAULTS);

    // --- Registration ---------------------------------------------------------------------------

    @Test
    void registeredAgentIsStampedWithTheClockAndCanBeFetched() {
        Agent registered = registry.register(Agents.registration("py-1"));

        assertThat(registered.registeredAt()).isEqualTo(NOW);
        assertThat(registered.lastSeenAt()).isEqualTo(NOW);
        assertThat(registered.deregisteredAt()).isEmpty();
        assertThat(registered.version()).isZero();
        assertThat(registered.price()).isEqualTo(Money.of("1.500000", "USDC"));
        assertThat(registry.get(AgentId.of("py-1"))).isEqualTo(registered);
    }

    @Test
    void registrationNormalizesAndDeduplicatesCapabilities() {
        Agent registered = registry.register(Agents.registration("py-1", " Python ", "PYTHON", "Code   Review"));

        assertThat(registered.capabilities()).containsExactly(Capability.of("code review"), Capability.of("python"));
    }

    @Test
    void secondRegistrationOfAnIdIsAConflict() {
        registry.register(Agents.registration("py-1"));

        assertThatThrownBy(() -> registry.register(Agents.registration("py-1")))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AGENT_ALREADY_REGISTERED);
                    assertThat(e.getMessage()).isEqualTo("an agent with id 'py-1' is already registered");
                });
    }

    @Test
    void registrationWithoutCapabilitiesIsRefusedNamingTheField() {
        assertThatThrownBy(() -> registry.register(registration("py-1", Money.of("1", "USD"), 10, Set.of())))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("capabilities");
                    assertThat(e.getMessage()).isEqualTo("capabilities: at least one capability is required");
                });
        assertThat(repository.all()).isEmpty();
    }

    @Test
    void negativePriceIsRefused() {
        assertThatThrownBy(() -> registry.register(Agents.registration("py-1", Money.of("-0.01", "USD"), 10)))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("price");
                    assertThat(e.getMessage()).isEqualTo("price: must not be negative, was -0.01 USD");
                });
    }

    @Test
    void freeAgentsMayRegister() {
        assertThat(registry.register(Agents.registration("free", Money.of("0", "USDC"), 10))
                        .price()
                        .isZero())
                .isTrue();
    }

    @Test
    void priceWithMoreDecimalsThanItsCurrencyAllowsIsRefusedNotRounded() {
        assertThatThrownBy(() -> Money.of("1.0000001", "USDC"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("amount");
                    assertThat(e.getMessage())
                            .isEqualTo("amount: 1.0000001 has more than 6 decimals, the most USDC allows");
                });
    }

    @Test
    void capacityBelowOneIsRefused() {
        assertThatThrownBy(() -> registry.register(Agents.registration("py-1", Money.of("1", "USD"), 0)))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("capacityPerHour");
                    assertThat(e.getMessage()).isEqualTo("capacityPerHour: must be between 1 and 1000000, was 0");
                });
    }

    @Test
    void missingRequiredFieldsAreRefusedNamingTheField() {
        Set<Capability> python = Set.of(Capability.of("python"));
        assertThatThrownBy(() -> new AgentRegistration(
                        AgentId.of("a"), "A", "o", python, null, Agents.WALLET, Availability.ONLINE, 1, null))
                .hasMessage("price: is required");
        assertThatThrownBy(() -> new AgentRegistration(
                        AgentId.of("a"), "A", "o", python, Money.of("1", "USD"), null, Availability.ONLINE, 1, null))
                .hasMessage("payoutWallet: is required");
        assertThatThrownBy(() -> new AgentRegistration(
                        AgentId.of("a"), "A", "o", python, Money.of("1", "USD"), Agents.WALLET, null, 1, null))
                .hasMessage("availability: is required");
        assertThatThrownBy(() -> new AgentRegistration(
                        null, "A", "o", python, Money.of("1", "USD"), Agents.WALLET, Availability.ONLINE, 1, null))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("agentId"));
    }

    @Test
    void blankOwnerIsRefused() {
        assertThatThrownBy(() -> registry.register(new AgentRegistration(
                        AgentId.of("a"),
                        "A",
                        "  ",
                        Set.of(Capability.of("python")),
                        Money.of("1", "USD"),
                        Agents.WALLET,
                        Availability.ONLINE,
                        1,
                        Metadata.EMPTY)))
                .hasMessage("owner: must not be blank");
    }

    // --- Reading ------------------------------------------------------------------------------------

    @Test
    void unknownAgentIsNotFound() {
        assertThatThrownBy(() -> registry.get(AgentId.of("ghost")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AGENT_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("no agent has id 'ghost'");
                });
    }

    @Test
    void pageSizeOutsideTheBoundsIsRefused() {
        assertThatThrownBy(() -> registry.list(Optional.empty(), 0))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("limit: must be between 1 and 200, was 0");
        assertThatThrownBy(() -> registry.list(Optional.empty(), 201))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("limit: must be between 1 and 200, was 201");
    }

    @Test
    void lastPageHasNoCursor() {
        registry.register(Agents.registration("a"));
        registry.register(Agents.registration("b"));

        AgentPage page = registry.list(Optional.empty(), 2);

        assertThat(page.agents()).extracting(agent -> agent.id().value()).containsExactly("a", "b");
        assertThat(page.nextCursor()).isEmpty();
    }

    @Property(tries = 50)
    void followingCursorsVisitsEveryAgentOnceInIdOrder(
            @ForAll @IntRange(min = 0, max = 30) int agentCount, @ForAll @IntRange(min = 1, max = 7) int pageSize) {
        AgentRegistry fresh = freshRegistry();
        for (int i = 0; i < agentCount; i++) {
            fresh.register(Agents.registration("agent-%03d".formatted(i)));
        }

        List<String> seen = new ArrayList<>();
        Optional<AgentId> cursor = Optional.empty();
        do {
            AgentPage page = fresh.list(cursor, pageSize);
            assertThat(page.agents()).hasSizeLessThanOrEqualTo(pageSize);
            page.agents().forEach(agent -> seen.add(agent.id().value()));
            cursor = page.nextCursor();
        } while (cursor.isPresent());

        assertThat(seen).hasSize(agentCount).isSorted().doesNotHaveDuplicates();
    }

    // --- Updates ------------------------------------------------------------------------------------

    @Test
    void priceUpdateChangesOnlyThePriceAndBumpsTheVersion() {
        Agent before = registry.register(Agents.registration("py-1"));

        Agent after = registry.update(new AgentUpdate.ChangePrice(AgentId.of("py-1"), Money.of("3", "EUR")));

        assertThat(after.price()).isEqualTo(Money.of("3.00", "EUR"));
        assertThat(after.version()).isEqualTo(1);
        assertThat(after)
                .usingRecursiveComparison()
                .ignoringFields("price", "version")
                .isEqualTo(before);
        assertThat(registry.get(AgentId.of("py-1"))).isEqualTo(after);
    }

    @Test
    void availabilityCapabilitiesCapacityAndMetadataCanEachBeUpdated() {
        registry.register(Agents.registration("py-1"));
        AgentId id = AgentId.of("py-1");

        registry.update(new AgentUpdate.ChangeAvailability(id, Availability.MAINTENANCE));
        registry.update(new AgentUpdate.ChangeCapabilities(id, Set.of(Capability.of(" Rust "), Capability.of("go"))));
        registry.update(new AgentUpdate.ChangeCapacity(id, 42));
        Agent last = registry.update(new AgentUpdate.ChangeMetadata(id, Metadata.of(Map.of("region", "eu"))));

        assertThat(last.availability()).isEqualTo(Availability.MAINTENANCE);
        assertThat(last.capabilities()).containsExactly(Capability.of("go"), Capability.of("rust"));
        assertThat(last.capacityPerHour()).isEqualTo(42);
        assertThat(last.metadata().entries()).containsExactly(Map.entry("region", "eu"));
        assertThat(last.version()).isEqualTo(4);
        assertThat(last.lastSeenAt()).isEqualTo(NOW);
    }

    @Test
    void updateBreakingAnAgentRuleIsRefusedAndChangesNothing() {
        Agent before = registry.register(Agents.registration("py-1"));

        assertThatThrownBy(() -> registry.update(new AgentUpdate.ChangeCapacity(AgentId.of("py-1"), 0)))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("capacityPerHour"));
        assertThatThrownBy(() -> registry.update(new AgentUpdate.ChangeCapabilities(AgentId.of("py-1"), Set.of())))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("capabilities"));
        assertThatThrownBy(
                        () -> registry.update(new AgentUpdate.ChangePrice(AgentId.of("py-1"), Money.of("-1", "USD"))))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("price"));
        assertThat(registry.get(AgentId.of("py-1"))).isEqualTo(before);
    }

    @Test
    void updateCommandsRefuseMissingValuesNamingTheField() {
        assertThatThrownBy(() -> new AgentUpdate.ChangePrice(AgentId.of("a"), null))
                .hasMessage("price: is required");
        assertThatThrownBy(() -> new AgentUpdate.ChangeAvailability(AgentId.of("a"), null))
                .hasMessage("availability: is required");
        assertThatThrownBy(() -> new AgentUpdate.ChangeCapabilities(AgentId.of("a"), null))
                .hasMessage("capabilities: is required");
        assertThatThrownBy(() -> new AgentUpdate.ChangeMetadata(AgentId.of("a"), null))
                .hasMessage("metadata: is required");
        assertThatThrownBy(() -> new AgentUpdate.ChangeCapacity(null, 1)).hasMessage("agentId: is required");
    }

    @Test
    void updateOfAnUnknownAgentIsNotFound() {
        assertThatThrownBy(() -> registry.update(new AgentUpdate.ChangeCapacity(AgentId.of("ghost"), 5)))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AGENT_NOT_FOUND));
    }

    @Test
    void updateAtTheVersionTheCallerReadSucceeds() {
        Agent read = registry.register(Agents.registration("py-1"));

        Agent updated = registry.update(new AgentUpdate.ChangeCapacity(read.id(), 3), read.version());

        assertThat(updated.capacityPerHour()).isEqualTo(3);
        assertThat(updated.version()).isEqualTo(read.version() + 1);
    }

    @Test
    void updateFromAStaleVersionIsAConcurrentModificationAndChangesNothing() {
        Agent read = registry.register(Agents.registration("py-1"));
        Agent winner = registry.update(new AgentUpdate.ChangeCapacity(read.id(), 3), read.version());

        assertThatThrownBy(() -> registry.update(new AgentUpdate.ChangeCapacity(read.id(), 4), read.version()))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION);
                    assertThat(e.getMessage())
                            .isEqualTo("agent 'py-1' was changed by someone else; read it again and retry");
                });
        assertThat(registry.get(read.id())).isEqualTo(winner);
    }

    // --- Heartbeat and the availability lease -----------------------------------------------------

    @Test
    void heartbeatRenewsTheLeaseAndMayDeclareAnAvailability() {
        registry.register(Agents.registration("py-1"));
        clock.advance(Duration.ofSeconds(60));

        Agent kept = registry.heartbeat(AgentId.of("py-1"), Optional.empty());
        clock.advance(Duration.ofSeconds(10));
        Agent busy = registry.heartbeat(AgentId.of("py-1"), Optional.of(Availability.BUSY));

        assertThat(kept.lastSeenAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(kept.availability()).isEqualTo(Availability.ONLINE);
        assertThat(busy.lastSeenAt()).isEqualTo(NOW.plusSeconds(70));
        assertThat(busy.availability()).isEqualTo(Availability.BUSY);
        assertThat(busy.version()).isEqualTo(2);
    }

    @Test
    void agentWhoseLeaseLapsedCountsAsOffline() {
        Agent agent = registry.register(Agents.registration("py-1"));

        clock.advance(Duration.ofSeconds(90));
        assertThat(registry.effectiveAvailability(agent)).isEqualTo(Availability.ONLINE);

        clock.advance(Duration.ofMillis(1));
        assertThat(registry.effectiveAvailability(agent)).isEqualTo(Availability.OFFLINE);

        Agent renewed = registry.heartbeat(agent.id(), Optional.empty());
        assertThat(registry.effectiveAvailability(renewed)).isEqualTo(Availability.ONLINE);
    }

    @Test
    void leaseDurationComesFromTheSettings() {
        AgentRegistry shortLease =
                new AgentRegistry(repository, unitOfWork, clock, new RegistrySettings(Duration.ofSeconds(10), 500));
        Agent agent = shortLease.register(Agents.registration("py-1"));

        clock.advance(Duration.ofSeconds(11));

        assertThat(shortLease.effectiveAvailability(agent)).isEqualTo(Availability.OFFLINE);
        assertThat(registry.effectiveAvailability(agent)).isEqualTo(Availability.ONLINE);
    }

    /**
     * Heartbeats of one agent may reach several replicas at once, and the later reading of the clock
     * may commit first: a heartbeat renews the lease, it never shortens it.
     */
    @Test
    void aHeartbeatThatReadTheClockEarlierNeverMovesLastSeenBack() {
        registry.register(Agents.registration("py-1"));
        clock.advance(Duration.ofSeconds(60));
        registry.heartbeat(AgentId.of("py-1"), Optional.empty());

        clock.set(NOW.plusSeconds(30));
        Agent late = registry.heartbeat(AgentId.of("py-1"), Optional.of(Availability.BUSY));

        assertThat(late.lastSeenAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(late.availability()).isEqualTo(Availability.BUSY);
        assertThat(repository.findById(AgentId.of("py-1")).orElseThrow().lastSeenAt())
                .isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void heartbeatOfAnUnknownAgentIsNotFound() {
        assertThatThrownBy(() -> registry.heartbeat(AgentId.of("ghost"), Optional.empty()))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AGENT_NOT_FOUND));
    }

    // --- Deregistration -----------------------------------------------------------------------------

    @Test
    void deregisteredAgentStaysReadableListedAndOffline() {
        registry.register(Agents.registration("py-1"));
        clock.advance(Duration.ofSeconds(5));

        Agent gone = registry.deregister(AgentId.of("py-1"));

        assertThat(gone.deregisteredAt()).contains(NOW.plusSeconds(5));
        assertThat(registry.get(AgentId.of("py-1"))).isEqualTo(gone);
        assertThat(registry.list(Optional.empty(), 10).agents()).containsExactly(gone);
        assertThat(registry.effectiveAvailability(gone)).isEqualTo(Availability.OFFLINE);
    }

    @Test
    void deregisteredAgentRefusesUpdatesHeartbeatsAndASecondDeregistration() {
        registry.register(Agents.registration("py-1"));
        Agent gone = registry.deregister(AgentId.of("py-1"));
        AgentId id = gone.id();

        List<Runnable> moves = List.of(
                () -> registry.update(new AgentUpdate.ChangePrice(id, Money.of("2", "USD"))),
                () -> registry.update(new AgentUpdate.ChangeAvailability(id, Availability.ONLINE)),
                () -> registry.update(new AgentUpdate.ChangeCapabilities(id, Set.of(Capability.of("go")))),
                () -> registry.update(new AgentUpdate.ChangeCapacity(id, 5)),
                () -> registry.update(new AgentUpdate.ChangeMetadata(id, Metadata.EMPTY)),
                () -> registry.update(new AgentUpdate.ChangeCapacity(id, 5), gone.version()),
                () -> registry.heartbeat(id, Optional.of(Availability.ONLINE)),
                () -> registry.deregister(id));
        for (Runnable move : moves) {
            assertThatThrownBy(move::run).isInstanceOfSatisfying(ConflictException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.AGENT_DEREGISTERED);
                assertThat(e.getMessage())
                        .isEqualTo(
                                "agent 'py-1' was deregistered at 2026-11-26T08:00:00Z and can no longer be changed");
            });
        }
        assertThat(registry.get(id)).isEqualTo(gone);
    }

    @Test
    void deregistrationOfAnUnknownAgentIsNotFound() {
        assertThatThrownBy(() -> registry.deregister(AgentId.of("ghost")))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AGENT_NOT_FOUND));
    }

    @Test
    void deregisteredAmongNamesTheDeregisteredOfTheAskedAgentsOnly() {
        for (String id : List.of("live", "gone", "gone-unasked")) {
            registry.register(Agents.registration(id));
        }
        registry.deregister(AgentId.of("gone"));
        registry.deregister(AgentId.of("gone-unasked"));

        assertThat(registry.deregisteredAmong(Set.of(AgentId.of("live"), AgentId.of("gone"), AgentId.of("ghost"))))
                .containsExactly(AgentId.of("gone"));
        assertThat(registry.deregisteredAmong(Set.of())).isEmpty();
    }

    @Test
    void deregisteredAmongRefusesMoreIdsThanTwoFullPages() {
        Set<AgentId> tooMany = new HashSet<>();
        for (int i = 0; i <= AgentRegistry.MAX_LOOKUP; i++) {
            tooMany.add(AgentId.of("agent-" + i));
        }

        assertThatThrownBy(() -> registry.deregisteredAmong(tooMany))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("ids");
                    assertThat(e.getMessage()).contains("at most 400", "got 401");
                });
        tooMany.remove(AgentId.of("agent-0"));
        assertThat(registry.deregisteredAmong(tooMany)).isEmpty();
    }

    private AgentRegistry freshRegistry() {
        InMemoryUnitOfWork work = new InMemoryUnitOfWork();
        return new AgentRegistry(new InMemoryAgentRepository(work), work, clock, RegistrySettings.DEFAULTS);
    }

    static AgentRegistration registration(String id, Money price, int capacity, Set<Capability> capabilities) {
        return new AgentRegistration(
                AgentId.of(id),
                "Agent " + id,
                "owner-of-" + id,
                capabilities,
                price,
                Agents.WALLET,
                Availability.ONLINE,
                capacity,
                Metadata.EMPTY);
    }
}
