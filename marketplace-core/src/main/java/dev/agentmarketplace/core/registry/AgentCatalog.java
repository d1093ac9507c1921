package dev.agentmarketplace.core.registry;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/** Registers agents and answers who is registered. */
public final class AgentCatalog {
    public static final int MAX_PAGE_SIZE = 200;

    private final AgentRepository agents;
    private final Clock clock;

    public AgentCatalog(AgentRepository agents, Clock clock) {
        this.agents = Objects.requireNonNull(agents, "agents");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Registers a new agent, stamped with the clock's time.
     *
     * @throws ConflictException with {@code AGENT_ALREADY_REGISTERED} when the id is taken
     */
    public Agent register(AgentRegistration registration) {
        Instant now = clock.instant();
        Agent agent = new Agent(
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
        agents.add(agent);
        return agent;
    }

    public Agent get(AgentId id) {
        return agents.findById(id)
                .orElseThrow(() -> new NotFoundException(ErrorCode.AGENT_NOT_FOUND, "no agent has id '" + id + "'"));
    }

    /** A page of agents in id order; the next page starts after the returned cursor. */
    public AgentPage list(Optional<AgentId> after, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new InvalidValueException("limit", "must be between 1 and " + MAX_PAGE_SIZE + ", was " + limit);
        }
        // One extra row tells whether another page exists without a count query.
        List<Agent> rows = agents.listAfter(after, limit + 1);
        if (rows.size() <= limit) {
            return new AgentPage(rows, Optional.empty());
        }
        List<Agent> page = rows.subList(0, limit);
        return new AgentPage(page, Optional.of(page.getLast().id()));
    }

    public static ConflictException alreadyRegistered(AgentId id) {
        return new ConflictException(
                ErrorCode.AGENT_ALREADY_REGISTERED, "an agent with id '" + id + "' is already registered");
    }
}
