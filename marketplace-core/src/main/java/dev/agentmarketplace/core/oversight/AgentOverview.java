package dev.agentmarketplace.core.oversight;

import dev.agentmarketplace.core.ledger.CapacityUse;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentStatus;
import dev.agentmarketplace.core.reputation.Reputation;
import dev.agentmarketplace.core.reputation.ReputationPoint;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything an operator reads about one agent at {@code asOf}: its profile, its status and lease
 * (the heartbeat is good until {@code leaseExpiresAt}), how much of its capacity the rolling hour
 * used, its reputation now with its interval, the points of its recent reputation, and its most
 * recent transactions (as payer or provider), newest first.
 */
public record AgentOverview(
        Agent agent,
        AgentStatus status,
        Instant leaseExpiresAt,
        CapacityUse capacity,
        Reputation reputation,
        List<ReputationPoint> trend,
        List<Transaction> recentTransactions,
        boolean moreTransactions,
        Instant asOf) {
    public AgentOverview {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(reputation, "reputation");
        trend = List.copyOf(trend);
        recentTransactions = List.copyOf(recentTransactions);
        Objects.requireNonNull(asOf, "asOf");
    }

    /** Whether the heartbeat lease has lapsed, which makes a registered agent read as OFFLINE. */
    public boolean leaseLapsed() {
        return leaseExpiresAt.isBefore(asOf);
    }
}
