package dev.agentmarketplace.persistence.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistration;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.AgentUpdate;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.BulkRejectedException;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.Metadata;
import dev.agentmarketplace.core.registry.RegistrySettings;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.core.testing.MutableClock;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry service on the real adapters: its all-or-nothing and locking promises hold on the
 * database's transactions, not only on the in-memory undo log. Rerun on PostgreSQL by
 * {@link AgentRegistryOnPostgresIT}.
 */
@QuarkusTest
class AgentRegistryOnDatabaseIT {
    private static final WalletAddress WALLET = WalletAddress.of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");

    @Inject
    PanacheAgentRepository agents;

    @Inject
    TransactionalUnitOfWork unitOfWork;

    private final MutableClock clock = MutableClock.at("2026-11-26T08:00:00.000001Z");

    @BeforeEach
    @Transactional
    void emptyRegistry() {
        AgentEntity.deleteAll();
    }

    @Test
    void bulkRegistrationWithABadItemWritesNothing() {
        AgentRegistry registry = registry(agents);
        registry.register(registration("taken"));

        assertThatThrownBy(() ->
                        registry.registerAll(List.of(registration("a"), registration("b"), registration("taken"))))
                .isInstanceOfSatisfying(
                        BulkRejectedException.class,
                        e -> assertThat(e.errors())
                                .singleElement()
                                .satisfies(error ->
                                        assertThat(error.code()).isEqualTo(ErrorCode.AGENT_ALREADY_REGISTERED)));

        assertThat(ids()).containsExactly("taken");
    }

    @Test
    void bulkRegistrationLosingARaceRollsBackWhatItAlreadyWrote() {
        registry(agents).register(registration("raced"));
        // The batch's check cannot see "raced", as if another replica committed it just after.
        AgentRegistry racing = registry(new BlindTo(agents, AgentId.of("raced")));

        assertThatThrownBy(() -> racing.registerAll(List.of(registration("first"), registration("raced"))))
                .isInstanceOfSatisfying(
                        BulkRejectedException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(error -> {
                            assertThat(error.index()).isEqualTo(1);
                            assertThat(error.code()).isEqualTo(ErrorCode.AGENT_ALREADY_REGISTERED);
                        }));

        assertThat(ids()).containsExactly("raced");
    }

    @Test
    void bulkUpdateIsAppliedInOneTransaction() {
        AgentRegistry registry = registry(agents);
        registry.registerAll(List.of(registration("a"), registration("b")));

        List<Agent> updated = registry.updateAll(List.of(
                new AgentUpdate.ChangePrice(AgentId.of("a"), Money.of("2.5", "EUR")),
                new AgentUpdate.ChangeCapacity(AgentId.of("b"), 77)));

        assertThat(updated).extracting(Agent::version).containsExactly(1L, 1L);
        assertThat(registry.get(AgentId.of("a")).price()).isEqualTo(Money.of("2.50", "EUR"));
        assertThat(registry.get(AgentId.of("b")).capacityPerHour()).isEqualTo(77);
    }

    @Test
    void bulkUpdateWithABadItemChangesNothing() {
        AgentRegistry registry = registry(agents);
        registry.registerAll(List.of(registration("a"), registration("b")));
        List<Agent> before = agents.listAfter(Optional.empty(), 10);

        assertThatThrownBy(() -> registry.updateAll(List.of(
                        new AgentUpdate.ChangeCapacity(AgentId.of("a"), 77),
                        new AgentUpdate.ChangeCapacity(AgentId.of("b"), 0))))
                .isInstanceOf(BulkRejectedException.class);

        assertThat(agents.listAfter(Optional.empty(), 10)).isEqualTo(before);
    }

    @Test
    void concurrentHeartbeatsOfOneAgentAreSerializedByItsRowLock() throws Exception {
        AgentRegistry registry = registry(agents);
        registry.register(registration("busy"));
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Agent>> beats = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                beats.add(pool.submit(() -> {
                    start.await();
                    return registry.heartbeat(AgentId.of("busy"), Optional.of(Availability.BUSY));
                }));
            }
            start.countDown();
            for (Future<Agent> beat : beats) {
                beat.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // Every heartbeat read the agent under its lock, so none lost its write to a stale version.
        assertThat(registry.get(AgentId.of("busy")).version()).isEqualTo(threads);
    }

    @Test
    void deregisteredAgentIsKeptAndRefusesChanges() {
        AgentRegistry registry = registry(agents);
        registry.register(registration("gone"));

        Agent gone = registry.deregister(AgentId.of("gone"));

        assertThat(agents.findById(AgentId.of("gone"))).contains(gone);
        assertThatThrownBy(() -> registry.heartbeat(AgentId.of("gone"), Optional.empty()))
                .isInstanceOfSatisfying(
                        dev.agentmarketplace.core.ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AGENT_DEREGISTERED));
    }

    /** The repository, except that its reads cannot see one id. */
    private record BlindTo(AgentRepository delegate, AgentId hidden) implements AgentRepository {
        @Override
        public Optional<Agent> findById(AgentId id) {
            return id.equals(hidden) ? Optional.empty() : delegate.findById(id);
        }

        @Override
        public Optional<Agent> findByIdForUpdate(AgentId id) {
            return id.equals(hidden) ? Optional.empty() : delegate.findByIdForUpdate(id);
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

    private AgentRegistry registry(AgentRepository repository) {
        return new AgentRegistry(repository, unitOfWork, clock, RegistrySettings.DEFAULTS);
    }

    private List<String> ids() {
        return agents.listAfter(Optional.empty(), 100).stream()
                .map(agent -> agent.id().value())
                .toList();
    }

    private static AgentRegistration registration(String id) {
        return new AgentRegistration(
                AgentId.of(id),
                "Agent " + id,
                "owner-of-" + id,
                Set.of(Capability.of("python")),
                Money.of("1.50", "USDC"),
                WALLET,
                Availability.ONLINE,
                10,
                Metadata.EMPTY);
    }
}
