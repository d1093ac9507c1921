package dev.agentmarketplace.persistence.discovery;

import dev.agentmarketplace.core.discovery.DiscoverySettings;
import dev.agentmarketplace.core.ledger.HireStatistics;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.persistence.Sql;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * The {@code provider_load} table: hires per provider and minute (ARCHITECTURE.md: load counters
 * live in tables, shared by every replica). The ledger's transaction storage calls {@link #hired}
 * when it stores a hire and {@link #cancelled} when one is cancelled, in the same transaction, so
 * the counters commit or roll back with the hire.
 *
 * <p>Each also brings the provider's {@code search_ranking} rows up to date (issue 13): their
 * {@code recent_hires} and {@code load} are what discovery reads as the agent's load, and what the
 * LOAD sort walks in order. A hire recounts the hour before it; a cancel takes its hire back where
 * it was counted. As the window slides, a row's count is too high once its oldest counted minute
 * ({@code load_oldest_minute}) has left the window: {@link #recountOutgrown}, which every replica
 * runs on a schedule right after each whole minute, recounts such rows. Until it has, that minute
 * still counts: the bounded staleness the module's README documents.
 *
 * <p>Both run while the ledger holds the provider's row lock (the capacity check at hire), so two
 * writers never race to create the same minute's row, and the provider's ranking rows, which only
 * writers holding that lock touch, are never written by two transactions at once.
 */
@ApplicationScoped
@Transactional
public class ProviderLoadCounters {
    /**
     * Minutes older than this are never read again (the load window and the capacity window, which
     * the capacity check reads, are one hour each); they are pruned as hires come in.
     */
    static final java.time.Duration RETENTION = Collections.max(
                    List.of(DiscoverySettings.LOAD_WINDOW, HireStatistics.CAPACITY_WINDOW))
            .multipliedBy(2);

    private static final String POSTGRES_ADD =
            "INSERT INTO provider_load (provider_id, bucket_start, hires) VALUES (?, ?, ?)"
                    + " ON CONFLICT (provider_id, bucket_start) DO UPDATE SET hires = provider_load.hires + EXCLUDED.hires";

    private static final String H2_ADD = "MERGE INTO provider_load p USING (VALUES (CAST(? AS VARCHAR(64)),"
            + " CAST(? AS TIMESTAMP(6) WITH TIME ZONE), CAST(? AS INTEGER))) v (provider_id, bucket_start, hires)"
            + " ON p.provider_id = v.provider_id AND p.bucket_start = v.bucket_start"
            + " WHEN MATCHED THEN UPDATE SET hires = p.hires + v.hires"
            + " WHEN NOT MATCHED THEN INSERT (provider_id, bucket_start, hires)"
            + " VALUES (v.provider_id, v.bucket_start, v.hires)";

    private static final String PRUNE = "DELETE FROM provider_load WHERE provider_id = ? AND bucket_start < ?";

    private static final String CANCEL =
            "UPDATE provider_load SET hires = hires - 1" + " WHERE provider_id = ? AND bucket_start = ? AND hires > 0";

    /**
     * The provider's hires in the window starting at the second parameter, onto each of its ranking
     * rows: one statement, reading the window's minutes (at most 60) through provider_load's primary
     * key once (the inner query is not correlated); the load divides by each row's capacity.
     */
    private static final String RECOUNT = "UPDATE search_ranking SET (recent_hires, load, load_oldest_minute) = ("
            + "SELECT w.hires, CAST(w.hires AS DOUBLE PRECISION) / search_ranking.capacity_per_hour, w.oldest"
            + " FROM (SELECT COALESCE(SUM(p.hires), 0) AS hires, MIN(p.bucket_start) AS oldest"
            + " FROM provider_load p WHERE p.provider_id = ? AND p.bucket_start >= ? AND p.hires > 0) w)"
            + " WHERE agent_id = ?";

    /**
     * Takes one hire back from the ranking rows if they count its minute: a counted minute with
     * hires is at or after the oldest one counted. Dropping to zero hires forgets the oldest minute.
     */
    private static final String CANCEL_RANKING = "UPDATE search_ranking SET recent_hires = recent_hires - 1,"
            + " load = CAST(recent_hires - 1 AS DOUBLE PRECISION) / capacity_per_hour,"
            + " load_oldest_minute = CASE WHEN recent_hires = 1 THEN NULL ELSE load_oldest_minute END"
            + " WHERE agent_id = ? AND load_oldest_minute <= ? AND recent_hires > 0";

    /**
     * Ranking rows whose oldest counted minute is before the window, the longest outgrown first: a
     * range of {@code search_ranking_by_oldest_minute} that stops at the limit, whatever the
     * statistics say about a column whose values move with the clock.
     */
    private static final String OUTGROWN = "SELECT r.agent_id FROM search_ranking r WHERE r.load_oldest_minute < ?"
            + " ORDER BY r.load_oldest_minute FETCH FIRST ? ROWS ONLY";

    /**
     * Their agents, locked in id order as every writer locks agents (marketplace-core's lock order),
     * skipping any another transaction holds: a hire or a cancel, which recounts the rows itself; a
     * registry or reputation write, which keeps the count; or another replica's sweep.
     */
    private static final String LOCK_AGENTS = "SELECT a.id FROM agent a WHERE a.id IN (%s) ORDER BY a.id FOR ";

    /** PostgreSQL: a lock that conflicts with every writer's but not with foreign-key checks (inserts of hires). */
    private static final String POSTGRES_LOCK = "NO KEY UPDATE SKIP LOCKED";

    private static final String H2_LOCK = "UPDATE SKIP LOCKED";

    /** Counts {@code count} hires of {@code provider} created at {@code at}. */
    public void hired(AgentId provider, Instant at, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive, was " + count);
        }
        work(connection -> {
            try (PreparedStatement add =
                            connection.prepareStatement(Sql.isPostgres(connection) ? POSTGRES_ADD : H2_ADD);
                    PreparedStatement prune = connection.prepareStatement(PRUNE)) {
                add.setString(1, provider.value());
                add.setObject(2, Sql.timestamp(bucketOf(at)));
                add.setInt(3, count);
                add.executeUpdate();
                prune.setString(1, provider.value());
                prune.setObject(2, Sql.timestamp(bucketOf(at).minus(RETENTION)));
                prune.executeUpdate();
            }
            recount(connection, List.of(provider.value()), at.minus(DiscoverySettings.LOAD_WINDOW));
        });
    }

    /** Takes back one hire of {@code provider} created at {@code at}: a cancelled hire is no load. */
    public void cancelled(AgentId provider, Instant at) {
        work(connection -> {
            try (PreparedStatement cancel = connection.prepareStatement(CANCEL)) {
                cancel.setString(1, provider.value());
                cancel.setObject(2, Sql.timestamp(bucketOf(at)));
                if (cancel.executeUpdate() == 0) {
                    return;
                }
            }
            try (PreparedStatement ranking = connection.prepareStatement(CANCEL_RANKING)) {
                ranking.setString(1, provider.value());
                ranking.setObject(2, Sql.timestamp(bucketOf(at)));
                ranking.executeUpdate();
            }
        });
    }

    /**
     * One step of the load sweep, in a transaction of its own: recounts the agents of the first
     * {@code limit} ranking rows whose oldest counted minute is before {@code windowStart} ({@code
     * now} minus {@link DiscoverySettings#LOAD_WINDOW}). Agents another transaction holds are skipped
     * and left for a later step.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Recount recountOutgrown(Instant windowStart, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        return Panache.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            SortedSet<String> outgrown = new TreeSet<>();
            int rows = 0;
            try (PreparedStatement statement = connection.prepareStatement(OUTGROWN)) {
                statement.setObject(1, Sql.timestamp(windowStart));
                statement.setInt(2, limit);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        outgrown.add(result.getString(1));
                        rows++;
                    }
                }
            }
            if (outgrown.isEmpty()) {
                return new Recount(0, 0, 0);
            }
            List<String> locked = new ArrayList<>();
            String lock = LOCK_AGENTS.formatted(Sql.placeholders(outgrown.size()))
                    + (Sql.isPostgres(connection) ? POSTGRES_LOCK : H2_LOCK);
            try (PreparedStatement statement = connection.prepareStatement(lock)) {
                Sql.bind(statement, outgrown);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        locked.add(result.getString(1));
                    }
                }
            }
            recount(connection, locked, windowStart);
            return new Recount(rows, outgrown.size(), locked.size());
        });
    }

    /**
     * One step of the sweep: the outgrown ranking rows it read (at most its limit), their agents, and
     * how many of those it recounted (the others were held by another transaction).
     */
    public record Recount(int rows, int agents, int recounted) {
        /** Whether another step may find more: this one read as many rows as it could and moved some. */
        public boolean mayHaveMore(int limit) {
            return rows == limit && recounted > 0;
        }
    }

    /** The minute a hire counts in; search counts the minutes starting at or after its window's start. */
    static Instant bucketOf(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES);
    }

    /** Recounts the ranking rows of {@code agents} over the window starting at {@code windowStart}. */
    private static void recount(Connection connection, List<String> agents, Instant windowStart) throws SQLException {
        if (agents.isEmpty()) {
            return;
        }
        try (PreparedStatement recount = connection.prepareStatement(RECOUNT)) {
            for (String agent : agents) {
                recount.setString(1, agent);
                recount.setObject(2, Sql.timestamp(windowStart));
                recount.setString(3, agent);
                if (agents.size() == 1) {
                    recount.executeUpdate();
                } else {
                    recount.addBatch();
                }
            }
            if (agents.size() > 1) {
                recount.executeBatch();
            }
        }
    }

    private static void work(org.hibernate.jdbc.Work work) {
        Panache.getEntityManager().unwrap(Session.class).doWork(work);
    }
}
