package dev.agentmarketplace.persistence.discovery;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import org.hibernate.Session;

/**
 * Keeps {@code search_ranking} in step with its inputs: the agent, its capabilities and its
 * reputation summary. Each write that changes one of them calls {@link #refresh} after flushing, in
 * the same transaction, so search never sees a ranking row that disagrees with the registry. The
 * load columns are the hires' ({@link ProviderLoadCounters}): a refresh keeps them, dividing by the
 * agent's capacity again.
 */
public final class SearchRanking {
    /** The agent's own columns on each of its rows; most writes (a heartbeat, a new score) change only these. */
    private static final String UPDATE = "UPDATE search_ranking SET (score, lower_bound, availability, last_seen_at,"
            + " deregistered_at, price_currency, price_amount, capacity_per_hour, load) = ("
            + "SELECT COALESCE(s.score, -1), s.lower_bound, a.availability, a.last_seen_at, a.deregistered_at,"
            + " a.price_currency, a.price_amount, a.capacity_per_hour,"
            + " CAST(search_ranking.recent_hires AS DOUBLE PRECISION) / a.capacity_per_hour"
            + " FROM agent a LEFT JOIN reputation_summary s ON s.agent_id = a.id WHERE a.id = ?1)"
            + " WHERE agent_id = ?1";

    /**
     * A row for each capability newly offered: the same projection as V7's backfill (an unrated
     * agent's score is -1, below every real score), with the load counted on the agent's other rows
     * (every row of an agent holds the same count), or none for a new agent.
     */
    private static final String INSERT = "INSERT INTO search_ranking"
            + " (capability, agent_id, score, lower_bound, availability, last_seen_at, deregistered_at, price_currency,"
            + " price_amount, capacity_per_hour, recent_hires, load, load_oldest_minute)"
            + " SELECT c.capability, a.id, COALESCE(s.score, -1), s.lower_bound, a.availability, a.last_seen_at,"
            + " a.deregistered_at,"
            + " a.price_currency, a.price_amount, a.capacity_per_hour, COALESCE(o.recent_hires, 0),"
            + " CAST(COALESCE(o.recent_hires, 0) AS DOUBLE PRECISION) / a.capacity_per_hour, o.load_oldest_minute"
            + " FROM agent a JOIN agent_capability c ON c.agent_id = a.id"
            + " LEFT JOIN reputation_summary s ON s.agent_id = a.id"
            + " LEFT JOIN (SELECT agent_id, MAX(recent_hires) AS recent_hires,"
            + " MIN(load_oldest_minute) AS load_oldest_minute FROM search_ranking WHERE agent_id = ?1"
            + " GROUP BY agent_id) o ON o.agent_id = a.id"
            + " WHERE a.id = ?1 AND NOT EXISTS"
            + " (SELECT 1 FROM search_ranking r WHERE r.capability = c.capability AND r.agent_id = a.id)";

    /** The rows of capabilities no longer offered; after the insert, which copies their load. */
    private static final String DELETE = "DELETE FROM search_ranking WHERE agent_id = ?1"
            + " AND capability NOT IN (SELECT c.capability FROM agent_capability c WHERE c.agent_id = ?1)";

    /** A new reputation summary changes only the score columns of the agent's rows. */
    private static final String SCORE = "UPDATE search_ranking SET (score, lower_bound) ="
            + " (SELECT s.score, s.lower_bound FROM reputation_summary s WHERE s.agent_id = ?) WHERE agent_id = ?";

    private SearchRanking() {}

    /**
     * Brings the score of the agent's rows up to date after its summary, flushed before, has changed:
     * one statement instead of {@link #refresh}'s three, as every settlement changes a summary
     * (issue 13).
     */
    public static void refreshScore(String agentId) {
        Panache.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(SCORE)) {
                update.setString(1, agentId);
                update.setString(2, agentId);
                update.executeUpdate();
            }
        });
    }

    /**
     * Brings the agent's rows up to date: a handful (one per capability), updated in place, so that
     * a heartbeat changes no indexed column (PostgreSQL can then update the rows without touching
     * their indexes); rows are added and removed only when the capabilities change.
     */
    public static void refresh(String agentId) {
        EntityManager entityManager = Panache.getEntityManager();
        for (String statement : new String[] {UPDATE, INSERT, DELETE}) {
            entityManager.createNativeQuery(statement).setParameter(1, agentId).executeUpdate();
        }
    }
}
