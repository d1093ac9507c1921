package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.registry.AgentId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Port: the operators' listing of every registered agent, deregistered ones included, so a database
 * can answer with its indexes at any size of the market (issue 12: no full scan per request).
 */
public interface AgentCatalog {
    /**
     * Agents satisfying every part of {@code query.filter()} at {@code query.now()}, in ascending id
     * order, strictly after {@code query.after()} when given, at most {@code query.limit()}.
     */
    List<ListedAgent> list(Query query);

    /**
     * A listing at one instant: an agent's status is {@code AgentStatus.of(agent, now,
     * heartbeatLease)}; an agent without reputation summary has score {@code unratedScore}.
     */
    record Query(
            AgentFilter filter,
            Instant now,
            Duration heartbeatLease,
            double unratedScore,
            Optional<AgentId> after,
            int limit) {
        public Query {
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(heartbeatLease, "heartbeatLease");
            Objects.requireNonNull(after, "after");
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive");
            }
        }
    }
}
