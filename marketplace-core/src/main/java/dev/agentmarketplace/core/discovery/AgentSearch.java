package dev.agentmarketplace.core.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Port: finds agents for discovery, so a database can answer with its indexes (capabilities,
 * price, availability, last-seen, the stored reputation summaries, recent hires).
 */
public interface AgentSearch {
    /**
     * Agents that are not deregistered and satisfy every filter of {@code query.criteria()}, ordered
     * by its sort with ties by ascending agent id, strictly after its cursor, at most {@code
     * query.limit()} of them (which may exceed the criteria's page size: the caller asks one more to
     * see whether another page exists).
     */
    List<SearchHit> search(Query query);

    /**
     * A search at one instant: an agent's effective availability is {@code
     * Agent.effectiveAvailability(now, heartbeatLease)}; its load counts hires since {@code
     * loadSince}, divided by its capacity per hour; an agent without reputation summary has score
     * {@code unratedScore} (the prior mean).
     */
    record Query(
            SearchCriteria criteria,
            Instant now,
            Duration heartbeatLease,
            Instant loadSince,
            double unratedScore,
            int limit) {
        public Query {
            Objects.requireNonNull(criteria, "criteria");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(heartbeatLease, "heartbeatLease");
            Objects.requireNonNull(loadSince, "loadSince");
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive");
            }
        }
    }
}
