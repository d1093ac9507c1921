package dev.agentmarketplace.core.registry;

import java.time.Duration;
import java.time.Instant;

/**
 * What an operator sees of an agent at a glance: its effective availability while it is registered,
 * or {@link #DEREGISTERED} once it left (issue 12: deregistered agents are shown as such, where
 * discovery and hiring only see them as OFFLINE).
 */
public enum AgentStatus {
    ONLINE,
    BUSY,
    OFFLINE,
    MAINTENANCE,
    DEREGISTERED;

    /** The status of {@code agent} at {@code now}, with the heartbeat lease discovery and hiring use. */
    public static AgentStatus of(Agent agent, Instant now, Duration heartbeatLease) {
        if (agent.isDeregistered()) {
            return DEREGISTERED;
        }
        return of(agent.effectiveAvailability(now, heartbeatLease));
    }

    public static AgentStatus of(Availability availability) {
        return switch (availability) {
            case ONLINE -> ONLINE;
            case BUSY -> BUSY;
            case OFFLINE -> OFFLINE;
            case MAINTENANCE -> MAINTENANCE;
        };
    }
}
