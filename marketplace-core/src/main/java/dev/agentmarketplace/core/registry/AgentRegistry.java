package dev.agentmarketplace.core.registry;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.KeysetPages;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agent registry (issue 3): registers agents, singly or in bulk, changes what they offer,
 * renews their availability lease on each heartbeat and deregisters them. A deregistered agent
 * stays readable (its history is kept) but can no longer be changed.
 */
public final class AgentRegistry {
    public static final int MAX_PAGE_SIZE = 200;
    /** Both parties of every row of the longest page. */
    public static final int MAX_LOOKUP = 2 * MAX_PAGE_SIZE;

    private final AgentRepository agents;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final RegistrySettings settings;
    private final RegistryEvents events;

    public AgentRegistry(AgentRepository agents, UnitOfWork unitOfWork, Clock clock, RegistrySettings settings) {
        this(agents, unitOfWork, clock, settings, RegistryEvents.NONE);
    }

    public AgentRegistry(
            AgentRepository agents,
            UnitOfWork unitOfWork,
            Clock clock,
            RegistrySettings settings,
            RegistryEvents events) {
        this.agents = Objects.requireNonNull(agents, "agents");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.events = Objects.requireNonNull(events, "events");
    }

    public RegistrySettings settings() {
        return settings;
    }

    /**
     * Registers a new agent, stamped with the clock's time; its registration counts as its first
     * heartbeat.
     *
     * @throws ConflictException with {@code AGENT_ALREADY_REGISTERED} when the id is taken
     */
    public Agent register(AgentRegistration registration) {
        Objects.requireNonNull(registration, "registration");
        Agent agent = newAgent(registration, clock.instant());
        agents.add(agent);
        events.agentsRegistered(1);
        return agent;
    }

    /**
     * Registers every agent of the batch, or none (issue 3: bulk is all-or-nothing). Each item is
     * checked first: its values, its id against the registry, and its id against the items before
     * it. Any refusal rejects the whole batch with every faulty item named.
     *
     * @throws BulkRejectedException with {@code BULK_REJECTED} when any item is refused
     */
    public List<Agent> registerAll(List<AgentRegistration> registrations) {
        checkBatch("registrations", registrations);
        Instant now = clock.instant();
        List<Agent> registered = unitOfWork.execute(() -> {
            List<BulkItemError> errors = new ArrayList<>();
            List<Agent> accepted = new ArrayList<>();
            Map<AgentId, Integer> firstIndex = new HashMap<>();
            for (int index = 0; index < registrations.size(); index++) {
                AgentRegistration registration = registrations.get(index);
                AgentId id = registration.id();
                Integer earlier = firstIndex.putIfAbsent(id, index);
                if (earlier != null) {
                    errors.add(new BulkItemError(
                            index,
                            id,
                            ErrorCode.AGENT_ALREADY_REGISTERED,
                            "id '" + id + "' is registered earlier in this batch, at index " + earlier));
                    continue;
                }
                try {
                    Agent agent = newAgent(registration, now);
                    if (agents.findById(id).isPresent()) {
                        throw alreadyRegistered(id);
                    }
                    accepted.add(agent);
                } catch (DomainException refused) {
                    errors.add(BulkItemError.of(index, id, refused));
                }
            }
            rejectIfAny("bulk registration", registrations.size(), errors);
            for (int index = 0; index < accepted.size(); index++) {
                Agent agent = accepted.get(index);
                try {
                    agents.add(agent);
                } catch (ConflictException raced) {
                    // Registered by someone else since the check above; the unit of work undoes
                    // what this batch already wrote.
                    throw new BulkRejectedException(
                            "bulk registration",
                            registrations.size(),
                            List.of(BulkItemError.of(index, agent.id(), raced)));
                }
            }
            return List.copyOf(accepted);
        });
        events.agentsRegistered(registered.size());
        return registered;
    }

    public Agent get(AgentId id) {
        return agents.findById(id).orElseThrow(() -> notFound(id));
    }

    /**
     * The agents among {@code ids} that are deregistered, in one read, so that a page listing
     * transactions, disputes or payments marks its deregistered parties (issue 12) without reading
     * each agent. An unknown id is not among them.
     *
     * @throws InvalidValueException on field {@code ids} for more than {@link #MAX_LOOKUP} ids
     */
    public Set<AgentId> deregisteredAmong(Set<AgentId> ids) {
        Objects.requireNonNull(ids, "ids");
        if (ids.isEmpty()) {
            return Set.of();
        }
        if (ids.size() > MAX_LOOKUP) {
            throw new InvalidValueException(
                    "ids", "at most " + MAX_LOOKUP + " agents can be looked up at once, got " + ids.size());
        }
        return Set.copyOf(agents.deregisteredAmong(ids));
    }

    /** A page of agents in id order, deregistered ones included; the next page starts after the returned cursor. */
    public AgentPage list(Optional<AgentId> after, int limit) {
        return KeysetPages.read(limit, MAX_PAGE_SIZE, rows -> agents.listAfter(after, rows), Agent::id, AgentPage::new);
    }

    /** The availability discovery and hiring must act on now: OFFLINE once the heartbeat lease lapsed. */
    public Availability effectiveAvailability(Agent agent) {
        return agent.effectiveAvailability(clock.instant(), settings.heartbeatLease());
    }

    /**
     * Applies one change to a live agent.
     *
     * @throws NotFoundException with {@code AGENT_NOT_FOUND} for an unknown agent
     * @throws ConflictException with {@code AGENT_DEREGISTERED} for a deregistered one
     */
    public Agent update(AgentUpdate update) {
        Objects.requireNonNull(update, "update");
        return unitOfWork.execute(() -> agents.update(applied(update, liveForUpdate(update.agentId()))));
    }

    /**
     * Applies one change only if the agent is still at {@code expectedVersion}, the version the
     * caller read, so that two clients editing the same agent cannot overwrite each other unseen.
     *
     * @throws ConflictException with {@code CONCURRENT_MODIFICATION} when it has changed since
     */
    public Agent update(AgentUpdate update, long expectedVersion) {
        Objects.requireNonNull(update, "update");
        return unitOfWork.execute(() -> {
            Agent current = liveForUpdate(update.agentId());
            if (current.version() != expectedVersion) {
                throw concurrentModification(current.id());
            }
            return agents.update(applied(update, current));
        });
    }

    /**
     * Applies every change of the batch, or none. Each item is checked first against the agent as
     * stored; one agent may appear only once per batch, so the outcome never depends on item order.
     *
     * @throws BulkRejectedException with {@code BULK_REJECTED} when any item is refused
     */
    public List<Agent> updateAll(List<AgentUpdate> updates) {
        checkBatch("updates", updates);
        return unitOfWork.execute(() -> {
            List<BulkItemError> errors = new ArrayList<>();
            List<Agent> changed = new ArrayList<>();
            Map<AgentId, Integer> firstIndex = new HashMap<>();
            // Lock order (core README): several agents are locked in id order, whatever the batch's order.
            updates.stream().map(AgentUpdate::agentId).sorted().distinct().forEach(agents::findByIdForUpdate);
            for (int index = 0; index < updates.size(); index++) {
                AgentUpdate update = updates.get(index);
                AgentId id = update.agentId();
                Integer earlier = firstIndex.putIfAbsent(id, index);
                if (earlier != null) {
                    errors.add(new BulkItemError(
                            index,
                            id,
                            ErrorCode.INVALID_VALUE,
                            "agent '" + id + "' is updated earlier in this batch, at index " + earlier
                                    + "; send one update per agent"));
                    continue;
                }
                try {
                    changed.add(applied(update, liveForUpdate(id)));
                } catch (DomainException refused) {
                    errors.add(BulkItemError.of(index, id, refused));
                }
            }
            rejectIfAny("bulk update", updates.size(), errors);
            return changed.stream().map(agents::update).toList();
        });
    }

    /**
     * Renews the agent's availability lease (issue 3: a lapsed lease reads as OFFLINE), and sets
     * its declared availability when one is given.
     */
    public Agent heartbeat(AgentId id, Optional<Availability> declared) {
        Objects.requireNonNull(declared, "declared");
        return unitOfWork.execute(() -> {
            Agent agent = liveForUpdate(id);
            // Concurrent heartbeats (through several replicas) commit in lock order, not clock order:
            // the clock is read under the lock, and a lease is only ever extended.
            Instant now = clock.instant();
            Instant lastSeen = now.isAfter(agent.lastSeenAt()) ? now : agent.lastSeenAt();
            return agents.update(agent.toBuilder()
                    .availability(declared.orElse(agent.availability()))
                    .lastSeenAt(lastSeen)
                    .build());
        });
    }

    /**
     * Deregisters the agent: it stops being discoverable and can no longer be changed, but stays
     * readable so that its transactions and reputation keep their counterparty.
     */
    public Agent deregister(AgentId id) {
        Instant now = clock.instant();
        return unitOfWork.execute(() -> {
            Agent agent = liveForUpdate(id);
            return agents.update(
                    agent.toBuilder().deregisteredAt(Optional.of(now)).build());
        });
    }

    public static ConflictException alreadyRegistered(AgentId id) {
        return new ConflictException(
                ErrorCode.AGENT_ALREADY_REGISTERED, "an agent with id '" + id + "' is already registered");
    }

    public static ConflictException concurrentModification(AgentId id) {
        return new ConflictException(
                ErrorCode.CONCURRENT_MODIFICATION,
                "agent '" + id + "' was changed by someone else; read it again and retry");
    }

    private static NotFoundException notFound(AgentId id) {
        return new NotFoundException(ErrorCode.AGENT_NOT_FOUND, "no agent has id '" + id + "'");
    }

    private Agent liveForUpdate(AgentId id) {
        Agent agent = agents.findByIdForUpdate(id).orElseThrow(() -> notFound(id));
        if (agent.isDeregistered()) {
            throw new ConflictException(
                    ErrorCode.AGENT_DEREGISTERED,
                    "agent '" + id + "' was deregistered at "
                            + agent.deregisteredAt().orElseThrow() + " and can no longer be changed");
        }
        return agent;
    }

    private static Agent newAgent(AgentRegistration registration, Instant now) {
        return new Agent(
                registration.id(),
                registration.displayName(),
                registration.owner(),
                new TreeSet<>(registration.capabilities()),
                registration.price(),
                registration.payoutWallet(),
                registration.availability(),
                now,
                registration.capacityPerHour(),
                registration.metadata(),
                now,
                Optional.empty(),
                0);
    }

    private static Agent applied(AgentUpdate update, Agent agent) {
        Agent.Builder changed = agent.toBuilder();
        return switch (update) {
            case AgentUpdate.ChangePrice change -> changed.price(change.price()).build();
            case AgentUpdate.ChangeAvailability change ->
                changed.availability(change.availability()).build();
            case AgentUpdate.ChangeCapabilities change ->
                changed.capabilities(change.capabilities()).build();
            case AgentUpdate.ChangeCapacity change ->
                changed.capacityPerHour(change.capacityPerHour()).build();
            case AgentUpdate.ChangeMetadata change ->
                changed.metadata(change.metadata()).build();
        };
    }

    private void checkBatch(String field, List<?> items) {
        Objects.requireNonNull(items, field);
        if (items.isEmpty() || items.size() > settings.maxBatchSize()) {
            throw new InvalidValueException(
                    field, "a batch must hold 1 to " + settings.maxBatchSize() + " items, got " + items.size());
        }
        for (int index = 0; index < items.size(); index++) {
            if (items.get(index) == null) {
                throw new InvalidValueException(field, "item " + index + " is missing");
            }
        }
    }

    private static void rejectIfAny(String operation, int batchSize, List<BulkItemError> errors) {
        if (!errors.isEmpty()) {
            throw new BulkRejectedException(operation, batchSize, errors);
        }
    }
}
