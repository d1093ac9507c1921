package dev.agentmarketplace.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.testing.InMemoryAgentRepository;
import dev.agentmarketplace.core.testing.InMemoryUnitOfWork;
import dev.agentmarketplace.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Bulk registration and bulk update: all-or-nothing, with every faulty item named (issue 3). */
class AgentRegistryBulkTest {
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final InMemoryAgentRepository repository = new InMemoryAgentRepository(unitOfWork);
    private final AgentRegistry registry = new AgentRegistry(repository, unitOfWork, clock, RegistrySettings.DEFAULTS);

    // --- Bulk registration --------------------------------------------------------------------------

    @Test
    void validBatchRegistersEveryAgentInOrder() {
        List<Agent> registered = registry.registerAll(
                List.of(Agents.registration("b"), Agents.registration("a", "rust"), Agents.registration("c")));

        assertThat(registered).extracting(agent -> agent.id().value()).containsExactly("b", "a", "c");
        assertThat(registered)
                .allSatisfy(agent -> assertThat(agent.registeredAt()).isEqualTo(NOW));
        assertThat(ids(repository.all())).containsExactly("a", "b", "c");
    }

    @Test
    void batchWithOneInvalidItemWritesNothingAndNamesTheItem() {
        assertThatThrownBy(() -> registry.registerAll(List.of(
                        Agents.registration("a"),
                        Agents.registration("b", Money.of("1", "USD"), 0),
                        Agents.registration("c"))))
                .isInstanceOfSatisfying(BulkRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BULK_REJECTED);
                    assertThat(e.errors())
                            .containsExactly(new BulkItemError(
                                    1,
                                    AgentId.of("b"),
                                    ErrorCode.INVALID_VALUE,
                                    "capacityPerHour: must be between 1 and 1000000, was 0"));
                    assertThat(e.getMessage())
                            .isEqualTo("bulk registration rejected, nothing was written: 1 of 3 items refused,"
                                    + " first [1] b INVALID_VALUE: capacityPerHour: must be between 1 and 1000000,"
                                    + " was 0");
                });
        assertThat(repository.all()).isEmpty();
    }

    @Test
    void everyFaultyItemIsReportedNotOnlyTheFirst() {
        registry.register(Agents.registration("taken"));

        assertThatThrownBy(() -> registry.registerAll(List.of(
                        Agents.registration("ok"),
                        Agents.registration("taken"),
                        Agents.registration("neg", Money.of("-1", "USD"), 1),
                        Agents.registration("ok"))))
                .isInstanceOfSatisfying(
                        BulkRejectedException.class,
                        e -> assertThat(e.errors())
                                .extracting(
                                        BulkItemError::index,
                                        error -> error.agentId().value(),
                                        BulkItemError::code)
                                .containsExactly(
                                        org.assertj.core.groups.Tuple.tuple(
                                                1, "taken", ErrorCode.AGENT_ALREADY_REGISTERED),
                                        org.assertj.core.groups.Tuple.tuple(2, "neg", ErrorCode.INVALID_VALUE),
                                        org.assertj.core.groups.Tuple.tuple(
                                                3, "ok", ErrorCode.AGENT_ALREADY_REGISTERED)));
        assertThat(ids(repository.all())).containsExactly("taken");
    }

    @Test
    void duplicateIdWithinTheBatchIsAnItemError() {
        assertThatThrownBy(() -> registry.registerAll(List.of(Agents.registration("a"), Agents.registration("a"))))
                .isInstanceOfSatisfying(
                        BulkRejectedException.class,
                        e -> assertThat(e.errors())
                                .containsExactly(new BulkItemError(
                                        1,
                                        AgentId.of("a"),
                                        ErrorCode.AGENT_ALREADY_REGISTERED,
                                        "id 'a' is registered earlier in this batch, at index 0")));
        assertThat(repository.all()).isEmpty();
    }

    @Test
    void registrationRacingTheBatchRejectsItAndUndoesWhatItWrote() {
        // A registration committed by another replica between the batch's check and its write.
        InMemoryAgentRepository shared = new InMemoryAgentRepository(unitOfWork);
        new AgentRegistry(shared, unitOfWork, clock, RegistrySettings.DEFAULTS).register(Agents.registration("raced"));
        AgentRepository blindToRaced = new BlindRepository(shared, AgentId.of("raced"));
        AgentRegistry racing = new AgentRegistry(blindToRaced, unitOfWork, clock, RegistrySettings.DEFAULTS);

        assertThatThrownBy(
                        () -> racing.registerAll(List.of(Agents.registration("first"), Agents.registration("raced"))))
                .isInstanceOfSatisfying(
                        BulkRejectedException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(error -> {
                            assertThat(error.index()).isEqualTo(1);
                            assertThat(error.code()).isEqualTo(ErrorCode.AGENT_ALREADY_REGISTERED);
                        }));
        assertThat(ids(shared.all())).containsExactly("raced");
    }

    @Test
    void emptyOrOversizedBatchIsRefused() {
        AgentRegistry small =
                new AgentRegistry(repository, unitOfWork, clock, new RegistrySettings(Duration.ofSeconds(90), 2));

        assertThatThrownBy(() -> small.registerAll(List.of()))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("registrations");
                    assertThat(e.getMessage()).isEqualTo("registrations: a batch must hold 1 to 2 items, got 0");
                });
        assertThatThrownBy(() -> small.registerAll(
                        List.of(Agents.registration("a"), Agents.registration("b"), Agents.registration("c"))))
                .hasMessage("registrations: a batch must hold 1 to 2 items, got 3");
        assertThatThrownBy(() -> small.updateAll(List.of()))
                .hasMessage("updates: a batch must hold 1 to 2 items, got 0");
        assertThat(repository.all()).isEmpty();
    }

    @Test
    void defaultBatchBoundIsFiveHundred() {
        List<AgentRegistration> fiveHundred = IntStream.range(0, 500)
                .mapToObj(i -> Agents.registration("agent-" + i))
                .toList();
        List<AgentRegistration> oneMore = new ArrayList<>(fiveHundred);
        oneMore.add(Agents.registration("agent-500"));

        assertThatThrownBy(() -> registry.registerAll(oneMore))
                .hasMessage("registrations: a batch must hold 1 to 500 items, got 501");
        assertThat(registry.registerAll(fiveHundred)).hasSize(500);
    }

    @Test
    void missingItemIsRefused() {
        List<AgentRegistration> withHole = Arrays.asList(Agents.registration("a"), null);

        assertThatThrownBy(() -> registry.registerAll(withHole)).hasMessage("registrations: item 1 is missing");
    }

    // --- Bulk update ----------------------------------------------------------------------------------

    @Test
    void validBulkUpdateAppliesEveryChange() {
        registry.registerAll(List.of(Agents.registration("a"), Agents.registration("b")));

        List<Agent> updated = registry.updateAll(List.of(
                new AgentUpdate.ChangeCapacity(AgentId.of("a"), 7),
                new AgentUpdate.ChangePrice(AgentId.of("b"), Money.of("9", "USD"))));

        assertThat(updated).extracting(Agent::version).containsExactly(1L, 1L);
        assertThat(registry.get(AgentId.of("a")).capacityPerHour()).isEqualTo(7);
        assertThat(registry.get(AgentId.of("b")).price()).isEqualTo(Money.of("9.00", "USD"));
    }

    @Test
    void bulkUpdateWithAnyRefusedItemChangesNothing() {
        registry.registerAll(List.of(Agents.registration("a"), Agents.registration("b"), Agents.registration("c")));
        registry.deregister(AgentId.of("c"));
        List<Agent> before = repository.all();

        assertThatThrownBy(() -> registry.updateAll(List.of(
                        new AgentUpdate.ChangeCapacity(AgentId.of("a"), 7),
                        new AgentUpdate.ChangeCapacity(AgentId.of("ghost"), 7),
                        new AgentUpdate.ChangeCapacity(AgentId.of("b"), -1),
                        new AgentUpdate.ChangeCapacity(AgentId.of("c"), 7),
                        new AgentUpdate.ChangeAvailability(AgentId.of("a"), Availability.BUSY))))
                .isInstanceOfSatisfying(BulkRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BULK_REJECTED);
                    assertThat(e.errors())
                            .extracting(BulkItemError::index, BulkItemError::code)
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple(1, ErrorCode.AGENT_NOT_FOUND),
                                    org.assertj.core.groups.Tuple.tuple(2, ErrorCode.INVALID_VALUE),
                                    org.assertj.core.groups.Tuple.tuple(3, ErrorCode.AGENT_DEREGISTERED),
                                    org.assertj.core.groups.Tuple.tuple(4, ErrorCode.INVALID_VALUE));
                    assertThat(e.errors().get(3).message())
                            .isEqualTo("agent 'a' is updated earlier in this batch, at index 0; send one update per"
                                    + " agent");
                });
        assertThat(repository.all()).isEqualTo(before);
    }

    // --- Invariants -----------------------------------------------------------------------------------

    @Property(tries = 200)
    void batchWithAnyBadItemWritesNothing(
            @ForAll @IntRange(min = 1, max = 12) int size,
            @ForAll @IntRange(min = 0, max = 11) int badAt,
            @ForAll("badness") Badness badness) {
        InMemoryUnitOfWork work = new InMemoryUnitOfWork();
        InMemoryAgentRepository agents = new InMemoryAgentRepository(work);
        AgentRegistry fresh = new AgentRegistry(agents, work, clock, RegistrySettings.DEFAULTS);
        fresh.register(Agents.registration("existing"));
        List<Agent> before = agents.all();
        int bad = badAt % size;
        List<AgentRegistration> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            batch.add(i == bad ? badness.registration(i) : Agents.registration("item-" + i));
        }

        assertThatThrownBy(() -> fresh.registerAll(batch))
                .isInstanceOfSatisfying(
                        BulkRejectedException.class,
                        e -> assertThat(e.errors())
                                .extracting(BulkItemError::index)
                                .contains(bad));
        assertThat(agents.all()).isEqualTo(before);
    }

    @Property(tries = 100)
    void bulkUpdateWithAnyBadItemChangesNothing(
            @ForAll @IntRange(min = 1, max = 10) int size, @ForAll @IntRange(min = 0, max = 9) int badAt) {
        InMemoryUnitOfWork work = new InMemoryUnitOfWork();
        InMemoryAgentRepository agents = new InMemoryAgentRepository(work);
        AgentRegistry fresh = new AgentRegistry(agents, work, clock, RegistrySettings.DEFAULTS);
        fresh.registerAll(IntStream.range(0, size)
                .mapToObj(i -> Agents.registration("item-" + i))
                .toList());
        List<Agent> before = agents.all();
        int bad = badAt % size;
        List<AgentUpdate> batch = IntStream.range(0, size)
                .<AgentUpdate>mapToObj(i -> new AgentUpdate.ChangeCapacity(AgentId.of("item-" + i), i == bad ? 0 : 5))
                .toList();

        assertThatThrownBy(() -> fresh.updateAll(batch)).isInstanceOf(BulkRejectedException.class);
        assertThat(agents.all()).isEqualTo(before);
    }

    @Property(tries = 100)
    void registeredCapabilitiesAreNormalizedAndNormalizingThemAgainChangesNothing(
            @ForAll("spellings") List<String> spellings) {
        AgentRegistration raw = Agents.registration("py-1", spellings.toArray(String[]::new));
        InMemoryUnitOfWork work = new InMemoryUnitOfWork();
        AgentRegistry fresh =
                new AgentRegistry(new InMemoryAgentRepository(work), work, clock, RegistrySettings.DEFAULTS);

        Agent agent = fresh.register(raw);
        Set<Capability> again = Set.copyOf(
                agent.capabilities().stream().map(c -> Capability.of(c.name())).toList());

        assertThat(again).isEqualTo(agent.capabilities());
        assertThat(agent.capabilities())
                .allSatisfy(capability -> assertThat(capability.name())
                        .isEqualTo(capability.name().strip().toLowerCase(java.util.Locale.ROOT))
                        .doesNotContain("  "));
    }

    @Provide
    Arbitrary<List<String>> spellings() {
        return Arbitraries.strings()
                .withChars("aBc XyZ\t")
                .ofMinLength(1)
                .ofMaxLength(12)
                .filter(s -> !s.isBlank())
                .list()
                .ofMinSize(1)
                .ofMaxSize(6);
    }

    @Provide
    Arbitrary<Badness> badness() {
        return Arbitraries.of(Badness.class);
    }

    enum Badness {
        ALREADY_REGISTERED,
        DUPLICATE_IN_BATCH,
        ZERO_CAPACITY,
        NEGATIVE_PRICE,
        NO_CAPABILITY,
        BLANK_DISPLAY_NAME;

        AgentRegistration registration(int index) {
            String id = "item-" + index;
            return switch (this) {
                case ALREADY_REGISTERED -> Agents.registration("existing");
                // Index 0 has no earlier item to repeat, so it repeats the registry's agent instead.
                case DUPLICATE_IN_BATCH -> Agents.registration(index == 0 ? "existing" : "item-0");
                case ZERO_CAPACITY -> Agents.registration(id, Money.of("1", "USD"), 0);
                case NEGATIVE_PRICE -> Agents.registration(id, Money.of("-0.5", "USD"), 3);
                case NO_CAPABILITY -> AgentRegistryTest.registration(id, Money.of("1", "USD"), 3, Set.of());
                case BLANK_DISPLAY_NAME ->
                    new AgentRegistration(
                            AgentId.of(id),
                            " ",
                            "owner",
                            Set.of(Capability.of("python")),
                            Money.of("1", "USD"),
                            Agents.WALLET,
                            Availability.ONLINE,
                            3,
                            Metadata.EMPTY);
            };
        }
    }

    private static List<String> ids(List<Agent> agents) {
        return agents.stream().map(agent -> agent.id().value()).toList();
    }

    /** Delegates to a repository but cannot see one id, as a check cannot see another replica's commit. */
    private record BlindRepository(AgentRepository delegate, AgentId hidden) implements AgentRepository {
        @Override
        public Optional<Agent> findById(AgentId id) {
            return id.equals(hidden) ? Optional.empty() : delegate.findById(id);
        }

        @Override
        public Optional<Agent> findByIdForUpdate(AgentId id) {
            return findById(id);
        }

        @Override
        public List<Agent> listAfter(Optional<AgentId> after, int limit) {
            return delegate.listAfter(after, limit);
        }

        @Override
        public Set<AgentId> deregisteredAmong(Set<AgentId> ids) {
            return delegate.deregisteredAmong(ids);
        }

        @Override
        public void add(Agent agent) {
            delegate.add(agent);
        }

        @Override
        public Agent update(Agent agent) {
            return delegate.update(agent);
        }
    }
}
