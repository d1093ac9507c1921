package dev.agentmarketplace.persistence.discovery;

import dev.agentmarketplace.core.discovery.DiscoverySettings;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.persistence.Sql;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.hibernate.Session;

/**
 * The {@code provider_load} table: hires per provider and minute, which load-aware search sums
 * (ARCHITECTURE.md: load counters live in tables, shared by every replica). The ledger's
 * transaction storage calls {@link #hired} when it stores a hire and {@link #cancelled} when one is
 * cancelled, in the same transaction, so the counters commit or roll back with the hire.
 *
 * <p>Both run while the ledger holds the provider's row lock (the capacity check at hire), so two
 * writers never race to create the same minute's row.
 */
@ApplicationScoped
@Transactional
public class ProviderLoadCounters {
    /** Minutes older than this are never read again (the load window is one hour); they are pruned as hires come in. */
    static final java.time.Duration RETENTION = DiscoverySettings.LOAD_WINDOW.multipliedBy(2);

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
        });
    }

    /** Takes back one hire of {@code provider} created at {@code at}: a cancelled hire is no load. */
    public void cancelled(AgentId provider, Instant at) {
        work(connection -> {
            try (PreparedStatement cancel = connection.prepareStatement(CANCEL)) {
                cancel.setString(1, provider.value());
                cancel.setObject(2, Sql.timestamp(bucketOf(at)));
                cancel.executeUpdate();
            }
        });
    }

    /** The minute a hire counts in; search counts the minutes starting at or after its window's start. */
    static Instant bucketOf(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES);
    }

    private static void work(org.hibernate.jdbc.Work work) {
        Panache.getEntityManager().unwrap(Session.class).doWork(work);
    }
}
