package dev.agentmarketplace.core.market;

import java.time.Instant;

/** Port: how many agents the registry holds, counted by the database rather than loaded. */
public interface AgentCensus {
    /**
     * Registered agents that are not deregistered, and of those the ones declared ONLINE whose last
     * heartbeat is at or after {@code seenSince}: the agents whose effective availability is ONLINE
     * ({@code Agent.effectiveAvailability}).
     */
    AgentCounts count(Instant seenSince);
}
