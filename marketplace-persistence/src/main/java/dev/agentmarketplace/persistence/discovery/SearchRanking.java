package dev.agentmarketplace.persistence.discovery;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.EntityManager;

/**
 * Keeps {@code search_ranking} in step with its inputs: the agent, its capabilities and its
 * reputation summary. Each write that changes one of them calls {@link #refresh} after flushing, in
 * the same transaction, so search never sees a ranking row that disagrees with the registry.
 */
public final class SearchRanking {
    /** The same projection as V7's backfill: an unrated agent's score is -1, below every real score. */
    private static final String INSERT = "INSERT INTO search_ranking"
            + " (capability, agent_id, score, availability, last_seen_at, deregistered_at, price_currency, price_amount)"
            + " SELECT c.capability, a.id, COALESCE(s.score, -1), a.availability, a.last_seen_at, a.deregistered_at,"
            + " a.price_currency, a.price_amount"
            + " FROM agent a JOIN agent_capability c ON c.agent_id = a.id"
            + " LEFT JOIN reputation_summary s ON s.agent_id = a.id"
            + " WHERE a.id = ?1";

    private SearchRanking() {}

    /** Replaces the agent's rows: a handful (one per capability), so rewriting them all is cheap. */
    public static void refresh(String agentId) {
        EntityManager entityManager = Panache.getEntityManager();
        entityManager
                .createNativeQuery("DELETE FROM search_ranking WHERE agent_id = ?1")
                .setParameter(1, agentId)
                .executeUpdate();
        entityManager.createNativeQuery(INSERT).setParameter(1, agentId).executeUpdate();
    }
}
