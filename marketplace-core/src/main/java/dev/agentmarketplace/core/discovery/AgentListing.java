package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.KeysetPages;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentStatus;
import dev.agentmarketplace.core.reputation.ReputationPolicy;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The operators' listing of agents (issue 12): every registered agent, deregistered ones included
 * and shown as such, filtered by {@link AgentFilter} and paged by id.
 */
public final class AgentListing {
    public static final int MAX_PAGE_SIZE = 200;

    private final AgentCatalog catalog;
    private final Duration heartbeatLease;
    private final ReputationPolicy reputationPolicy;
    private final Clock clock;

    public AgentListing(AgentCatalog catalog, Duration heartbeatLease, ReputationPolicy reputationPolicy, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.heartbeatLease = Objects.requireNonNull(heartbeatLease, "heartbeatLease");
        this.reputationPolicy = Objects.requireNonNull(reputationPolicy, "reputationPolicy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * One page of agents matching {@code filter}, in id order after {@code after}. The port's rows
     * are checked again, as discovery's are, so a row that breaks the filter never reaches a page.
     */
    public ListingPage page(AgentFilter filter, Optional<AgentId> after, int limit) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(after, "after");
        Instant now = clock.instant();
        return KeysetPages.read(
                limit,
                MAX_PAGE_SIZE,
                rows -> catalog.list(
                        new AgentCatalog.Query(filter, now, heartbeatLease, reputationPolicy.priorMean(), after, rows)),
                row -> row.agent().id(),
                // The cursor follows the port's rows, so a dropped row never ends the listing early.
                (rows, next) -> new ListingPage(
                        rows.stream().filter(row -> matches(row, filter, now)).toList(), next));
    }

    /** Whether {@code row} satisfies every part of {@code filter} at {@code now}. */
    private boolean matches(ListedAgent row, AgentFilter filter, Instant now) {
        var agent = row.agent();
        double score = row.reputation().map(ReputationSummary::score).orElse(reputationPolicy.priorMean());
        AgentStatus status = AgentStatus.of(agent, now, heartbeatLease);
        return status == row.status()
                && filter.admits(status)
                && filter.capability().map(agent::offers).orElse(true)
                && filter.currency()
                        .map(currency -> agent.price().currency().equals(currency))
                        .orElse(true)
                && filter.priceCeiling()
                        .map(ceiling -> !agent.price().isGreaterThan(ceiling))
                        .orElse(true)
                && (filter.minReputation().isEmpty()
                        || score >= filter.minReputation().getAsDouble());
    }
}
