package dev.agentmarketplace.core.oversight;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.PartyRole;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import dev.agentmarketplace.core.ledger.TransactionPage;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.AgentStatus;
import dev.agentmarketplace.core.reputation.ReputationService;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What operators read about one agent (issue 12), gathered from the services that own each part:
 * the registry (profile, lease), the ledger (capacity use, counted as a hire's check counts it),
 * reputation (score now with its interval, the stored points of its trend) and the ledger's reads
 * (the agent's latest transactions, newest first). Every part is read by key or through an index; nothing scans the market.
 */
public final class AgentOversight {
    public static final int MAX_RECENT_TRANSACTIONS = TransactionQueries.MAX_PAGE_SIZE;

    private final AgentRegistry registry;
    private final Ledger ledger;
    private final ReputationService reputation;
    private final TransactionQueries transactions;
    private final Clock clock;

    public AgentOversight(
            AgentRegistry registry,
            Ledger ledger,
            ReputationService reputation,
            TransactionQueries transactions,
            Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.reputation = Objects.requireNonNull(reputation, "reputation");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The overview of {@code id}, with the last {@code trendPoints} reputation points and the latest
     * {@code recentTransactions} transactions.
     *
     * @throws dev.agentmarketplace.core.NotFoundException with {@code AGENT_NOT_FOUND} for an unknown agent
     */
    public AgentOverview overview(AgentId id, int trendPoints, int recentTransactions) {
        if (recentTransactions < 1 || recentTransactions > MAX_RECENT_TRANSACTIONS) {
            throw new InvalidValueException(
                    "recentTransactions",
                    "must be between 1 and " + MAX_RECENT_TRANSACTIONS + ", was " + recentTransactions);
        }
        Agent agent = registry.get(id);
        Instant now = clock.instant();
        TransactionPage latest = transactions.recent(
                TransactionFilter.ALL.withAgent(id, PartyRole.EITHER), Optional.empty(), recentTransactions);
        return new AgentOverview(
                agent,
                AgentStatus.of(agent, now, registry.settings().heartbeatLease()),
                agent.lastSeenAt().plus(registry.settings().heartbeatLease()),
                ledger.capacityUse(agent),
                reputation.reputationOf(id),
                reputation.trend(id, trendPoints),
                latest.transactions(),
                latest.nextCursor().isPresent(),
                now);
    }
}
