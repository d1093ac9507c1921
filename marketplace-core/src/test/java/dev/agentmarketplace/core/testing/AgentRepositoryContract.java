package dev.agentmarketplace.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.Metadata;
import dev.agentmarketplace.core.registry.WalletAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AgentRepository} must do, whatever stores it. Run in memory by {@code
 * InMemoryAgentRepositoryTest} and on H2 and PostgreSQL by {@code marketplace-persistence}.
 * Subclasses give a repository that is empty when each test starts, and the unit of work it
 * joins. The contract uses nothing but the port and the unit of work. Its tests are public because
 * the subclasses that run them live in other packages and modules.
 */
public abstract class AgentRepositoryContract {
    /** Microsecond precision: what a TIMESTAMP(6) column keeps. */
    protected static final Instant REGISTERED = Instant.parse("2026-11-26T08:15:30.123456Z");

    protected static final WalletAddress WALLET = WalletAddress.of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");

    protected abstract AgentRepository repository();

    protected abstract UnitOfWork unitOfWork();

    @Test
    public void storedAgentReadsBackEqualWithEveryField() {
        Agent agent = new Agent(
                AgentId.of("py-1"),
                "Python Expert",
                "acme",
                capabilities("python", "code review"),
                Money.of("0.000001", "USDC"),
                WALLET,
                Availability.BUSY,
                REGISTERED.plusSeconds(5),
                12,
                Metadata.of(Map.of("model", "gpt-x", "region", "eu-west")),
                REGISTERED,
                Optional.of(REGISTERED.plusSeconds(60)),
                0);

        repository().add(agent);

        assertThat(repository().findById(AgentId.of("py-1"))).contains(agent);
    }

    @Test
    public void priceKeepsItsCurrencyAndExactScale() {
        repository().add(agent("yen", Money.of("1500", "JPY")));
        repository().add(agent("euro", Money.of("12.5", "EUR")));

        assertThat(repository().findById(AgentId.of("yen")).orElseThrow().price())
                .isEqualTo(Money.of("1500", "JPY"));
        assertThat(repository()
                        .findById(AgentId.of("euro"))
                        .orElseThrow()
                        .price()
                        .amount())
                .hasToString("12.50");
    }

    @Test
    public void unknownIdReadsAsEmpty() {
        assertThat(repository().findById(AgentId.of("ghost"))).isEmpty();
        assertThat(unitOfWork().execute(() -> repository().findByIdForUpdate(AgentId.of("ghost"))))
                .isEmpty();
    }

    @Test
    public void findForUpdateInsideAUnitOfWorkReadsTheStoredAgent() {
        Agent agent = agent("py-1");
        repository().add(agent);

        assertThat(unitOfWork().execute(() -> repository().findByIdForUpdate(AgentId.of("py-1"))))
                .contains(agent);
    }

    @Test
    public void listingIsInAscendingIdOrderWithUpperCaseBeforeLowerCase() {
        for (String id : List.of("c", "a", "D", "b", "B")) {
            repository().add(agent(id));
        }

        // AgentId compares by code point, so the cursor and the order agree on every store.
        assertThat(ids(repository().listAfter(Optional.empty(), 10))).containsExactly("B", "D", "a", "b", "c");
    }

    @Test
    public void listingResumesStrictlyAfterTheCursorAndStopsAtTheLimit() {
        for (String id : List.of("c", "a", "d", "b")) {
            repository().add(agent(id));
        }

        assertThat(ids(repository().listAfter(Optional.empty(), 3))).containsExactly("a", "b", "c");
        assertThat(ids(repository().listAfter(Optional.of(AgentId.of("b")), 3))).containsExactly("c", "d");
        assertThat(ids(repository().listAfter(Optional.of(AgentId.of("bb")), 1)))
                .containsExactly("c");
        assertThat(repository().listAfter(Optional.of(AgentId.of("d")), 3)).isEmpty();
    }

    @Test
    public void deregisteredAgentsStayListed() {
        repository().add(agent("a"));
        Agent gone = repository().findById(AgentId.of("a")).orElseThrow();
        repository().update(deregistered(gone, REGISTERED.plusSeconds(1)));

        assertThat(repository().listAfter(Optional.empty(), 10))
                .singleElement()
                .satisfies(agent -> assertThat(agent.deregisteredAt()).contains(REGISTERED.plusSeconds(1)));
    }

    @Test
    public void deregisteredAmongNamesOnlyTheDeregisteredOfTheAskedIds() {
        for (String id : List.of("live", "gone", "also-gone", "gone-unasked")) {
            repository().add(agent(id));
        }
        for (String id : List.of("gone", "also-gone", "gone-unasked")) {
            Agent stored = repository().findById(AgentId.of(id)).orElseThrow();
            repository().update(deregistered(stored, REGISTERED.plusSeconds(1)));
        }

        assertThat(repository()
                        .deregisteredAmong(Set.of(
                                AgentId.of("live"), AgentId.of("gone"), AgentId.of("also-gone"), AgentId.of("ghost"))))
                .containsExactlyInAnyOrder(AgentId.of("gone"), AgentId.of("also-gone"));
        assertThat(repository().deregisteredAmong(Set.of(AgentId.of("live")))).isEmpty();
        assertThat(repository().deregisteredAmong(Set.of())).isEmpty();
    }

    @Test
    public void deregisteredAmongAnswersForAsManyIdsAsTheRegistryAsksAtOnce() {
        repository().add(agent("agent-7"));
        repository()
                .update(deregistered(
                        repository().findById(AgentId.of("agent-7")).orElseThrow(), REGISTERED.plusSeconds(1)));
        Set<AgentId> asked = new HashSet<>();
        for (int i = 0; i < AgentRegistry.MAX_LOOKUP; i++) {
            asked.add(AgentId.of("agent-" + i));
        }

        assertThat(repository().deregisteredAmong(asked)).containsExactly(AgentId.of("agent-7"));
    }

    @Test
    public void duplicateAddIsRefusedAndKeepsTheFirst() {
        repository().add(agent("py-1", "First"));

        assertThatThrownBy(() -> repository().add(agent("py-1", "Second")))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AGENT_ALREADY_REGISTERED);
                    assertThat(e.getMessage()).isEqualTo("an agent with id 'py-1' is already registered");
                });
        assertThat(repository().findById(AgentId.of("py-1")).orElseThrow().displayName())
                .isEqualTo("First");
    }

    @Test
    public void updateStoresEveryChangeableFieldAndBumpsTheVersion() {
        repository().add(agent("py-1"));
        Agent stored = repository().findById(AgentId.of("py-1")).orElseThrow();
        Agent changed = stored.toBuilder()
                .capabilities(capabilities("rust"))
                .price(Money.of("7.25", "EUR"))
                .availability(Availability.MAINTENANCE)
                .lastSeenAt(REGISTERED.plus(Duration.ofMinutes(3)))
                .capacityPerHour(99)
                .metadata(Metadata.of(Map.of("tier", "gold")))
                .build();

        Agent updated = repository().update(changed);

        assertThat(updated.version()).isEqualTo(stored.version() + 1);
        assertThat(repository().findById(AgentId.of("py-1"))).contains(updated);
        assertThat(updated).usingRecursiveComparison().ignoringFields("version").isEqualTo(changed);
    }

    @Test
    public void successiveUpdatesEachBumpTheVersionByOne() {
        repository().add(agent("py-1"));

        Agent first =
                repository().update(repository().findById(AgentId.of("py-1")).orElseThrow());
        Agent second = repository().update(first);

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(repository().findById(AgentId.of("py-1")).orElseThrow().version())
                .isEqualTo(2);
    }

    @Test
    public void staleUpdateIsRefusedAndChangesNothing() {
        repository().add(agent("py-1"));
        Agent read = repository().findById(AgentId.of("py-1")).orElseThrow();
        Agent winner = repository().update(withCapacity(read, 20));

        assertThatThrownBy(() -> repository().update(withCapacity(read, 30)))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION);
                    assertThat(e.getMessage()).contains("'py-1'");
                });
        assertThat(repository().findById(AgentId.of("py-1"))).contains(winner);
    }

    @Test
    public void failedUnitOfWorkUndoesItsAdds() {
        repository().add(agent("kept"));

        assertThatThrownBy(() -> unitOfWork().run(() -> {
                    repository().add(agent("first"));
                    repository().add(agent("second"));
                    repository().add(agent("kept"));
                }))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AGENT_ALREADY_REGISTERED));

        assertThat(ids(repository().listAfter(Optional.empty(), 10))).containsExactly("kept");
    }

    @Test
    public void failedUnitOfWorkUndoesItsUpdates() {
        repository().add(agent("py-1"));
        Agent before = repository().findById(AgentId.of("py-1")).orElseThrow();

        assertThatThrownBy(() -> unitOfWork().run(() -> {
                    Agent locked =
                            repository().findByIdForUpdate(AgentId.of("py-1")).orElseThrow();
                    repository().update(withCapacity(locked, 77));
                    throw new InvalidValueException("test", "fails after the update");
                }))
                .isInstanceOf(InvalidValueException.class);

        assertThat(repository().findById(AgentId.of("py-1"))).contains(before);
    }

    @Test
    public void successfulUnitOfWorkKeepsEveryChange() {
        unitOfWork().run(() -> {
            repository().add(agent("a"));
            repository().add(agent("b"));
            repository()
                    .update(withCapacity(
                            repository().findByIdForUpdate(AgentId.of("a")).orElseThrow(), 5));
        });

        assertThat(repository().findById(AgentId.of("a")).orElseThrow().capacityPerHour())
                .isEqualTo(5);
        assertThat(ids(repository().listAfter(Optional.empty(), 10))).containsExactly("a", "b");
    }

    protected static Agent agent(String id) {
        return agent(id, "Agent " + id);
    }

    protected static Agent agent(String id, String displayName) {
        return agent(id, displayName, Money.of("1.50", "USDC"));
    }

    private static Agent agent(String id, Money price) {
        return agent(id, "Agent " + id, price);
    }

    private static Agent agent(String id, String displayName, Money price) {
        return new Agent(
                AgentId.of(id),
                displayName,
                "owner-of-" + id,
                capabilities("python"),
                price,
                WALLET,
                Availability.ONLINE,
                REGISTERED,
                10,
                Metadata.EMPTY,
                REGISTERED,
                Optional.empty(),
                0);
    }

    private static Agent withCapacity(Agent agent, int capacityPerHour) {
        return agent.toBuilder().capacityPerHour(capacityPerHour).build();
    }

    private static Agent deregistered(Agent agent, Instant at) {
        return agent.toBuilder().deregisteredAt(Optional.of(at)).build();
    }

    private static TreeSet<Capability> capabilities(String... names) {
        TreeSet<Capability> set = new TreeSet<>();
        for (String name : names) {
            set.add(Capability.of(name));
        }
        return set;
    }

    private static List<String> ids(List<Agent> agents) {
        return agents.stream().map(agent -> agent.id().value()).toList();
    }
}
