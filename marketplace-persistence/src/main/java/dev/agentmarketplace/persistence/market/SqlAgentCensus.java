package dev.agentmarketplace.persistence.market;

import dev.agentmarketplace.core.market.AgentCensus;
import dev.agentmarketplace.core.market.AgentCounts;
import dev.agentmarketplace.persistence.Sql;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import org.hibernate.Session;

/**
 * {@link AgentCensus} as one count over the range of {@code agent_by_presence} (deregistered_at,
 * availability, last_seen_at) that holds the agents not deregistered, read from the index alone:
 * its cost grows with the registered agents (100,000 entries of a narrow index), never with the
 * transactions.
 */
@ApplicationScoped
@Transactional
public class SqlAgentCensus implements AgentCensus {
    @Override
    public AgentCounts count(Instant seenSince) {
        return Panache.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            // One statement, so both counts come from one snapshot: online never exceeds registered.
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) AS registered,"
                    + " COALESCE(SUM(CASE WHEN availability = 'ONLINE' AND last_seen_at >= ? THEN 1 ELSE 0 END), 0)"
                    + " AS online FROM agent WHERE deregistered_at IS NULL")) {
                select.setObject(1, Sql.timestamp(seenSince));
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return new AgentCounts(row.getLong("registered"), row.getLong("online"));
                }
            }
        });
    }
}
