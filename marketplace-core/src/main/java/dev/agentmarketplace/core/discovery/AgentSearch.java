package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.registry.AgentId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
     * The rows {@link #search} returns for {@code query}, in the same order, as {@link Candidate}s:
     * what ranking reads, which an adapter may answer without reading whole agents (issue 13). By
     * default, the search's hits cut down.
     */
    default List<Candidate> candidates(Query query) {
        return search(query).stream().map(Candidate::of).toList();
    }

    /**
     * The hits of those of {@code agents} that {@link #search} finds for {@code query}, whatever its
     * cursor and limit, in the order of {@code agents}: how discovery reads whole the few agents it
     * picked among {@link #candidates}. By default, every page of the search, filtered.
     */
    default List<SearchHit> hitsOf(List<AgentId> agents, Query query) {
        SearchCriteria criteria = query.criteria();
        Query everyMatch = new Query(
                new SearchCriteria(
                        criteria.anyOf(),
                        criteria.priceCeiling(),
                        criteria.currency(),
                        criteria.availability(),
                        criteria.minReputation(),
                        criteria.sort(),
                        Optional.empty(),
                        criteria.limit()),
                query.now(),
                query.heartbeatLease(),
                query.loadSince(),
                query.unratedScore(),
                Integer.MAX_VALUE);
        Map<AgentId, SearchHit> found = new HashMap<>();
        search(everyMatch).forEach(hit -> found.put(hit.agent().id(), hit));
        return agents.stream().filter(found::containsKey).map(found::get).toList();
    }

    /**
     * A search at one instant: an agent's effective availability is {@code
     * Agent.effectiveAvailability(now, heartbeatLease)}; its load counts hires since {@code
     * loadSince}, divided by its capacity per hour; an agent without reputation summary has score
     * {@code unratedScore} (the prior mean).
     *
     * <p>An adapter may keep counts that a sliding window makes stale and recount them shortly
     * after (issue 13), if it documents the bound: a minute of hires may then still count for that
     * long after it left the window, in the load shown and in the {@link SearchSort#LOAD} order
     * alike. It never counts a hire too few.
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
