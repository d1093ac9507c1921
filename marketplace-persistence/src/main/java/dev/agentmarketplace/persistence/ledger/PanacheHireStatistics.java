package dev.agentmarketplace.persistence.ledger;

import dev.agentmarketplace.core.ledger.HireStatistics;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;

/**
 * {@link HireStatistics} as aggregate queries over {@code ledger_transaction}, each served by an
 * index: (provider_id, created_at) for hire counts and the last hire, (capability, created_at) for
 * activity; the capacity check also reads the per-minute {@code provider_load} counters. Nothing is
 * loaded row by row.
 */
@ApplicationScoped
@Transactional
public class PanacheHireStatistics implements HireStatistics {
    private static final String CANCELLED = TransactionState.CANCELLED.name();

    private static final String CAPACITY_WINDOW_HIRES = "SELECT (SELECT COALESCE(SUM(p.hires), 0) FROM provider_load p"
            + " WHERE p.provider_id = ? AND p.bucket_start >= ?) + (SELECT COUNT(*) FROM ledger_transaction t"
            + " WHERE t.provider_id = ? AND t.created_at >= ? AND t.created_at < ? AND t.state <> ?)";

    /**
     * Runs inside the hire's unit of work after the provider's row lock: under READ COMMITTED the
     * count sees every hire committed by whoever held the lock before, on any replica.
     */
    @Override
    public long hiresOf(AgentId provider, Instant since) {
        return TransactionEntity.count(
                "providerId = ?1 and createdAt >= ?2 and state <> ?3", provider.value(), since, CANCELLED);
    }

    /**
     * The whole minutes of the window from {@code provider_load} (at most 60 rows through its
     * primary key), the part-minute at its start counted from the ledger: one statement whose cost
     * does not grow with the provider's hires in the hour (issue 13: the count over the hour read
     * every one of them, on every hire). The counters are exact, as they are written in the hire's
     * and the cancellation's own transaction, and kept for two windows after a provider's latest
     * hire ({@code ProviderLoadCounters}).
     */
    @Override
    public long hiresInCapacityWindow(AgentId provider, Instant now) {
        Instant since = now.minus(CAPACITY_WINDOW);
        Instant firstWholeMinute = since.truncatedTo(ChronoUnit.MINUTES).equals(since)
                ? since
                : since.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        return TransactionEntity.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(CAPACITY_WINDOW_HIRES)) {
                statement.setString(1, provider.value());
                statement.setObject(2, Sql.timestamp(firstWholeMinute));
                statement.setString(3, provider.value());
                statement.setObject(4, Sql.timestamp(since));
                statement.setObject(5, Sql.timestamp(firstWholeMinute));
                statement.setString(6, CANCELLED);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    return result.getLong(1);
                }
            }
        });
    }

    @Override
    public Optional<Instant> lastHireOf(AgentId provider) {
        Instant last = TransactionEntity.getEntityManager()
                .createQuery(
                        "select max(t.createdAt) from TransactionEntity t where t.providerId = :provider",
                        Instant.class)
                .setParameter("provider", provider.value())
                .getSingleResult();
        return Optional.ofNullable(last);
    }

    @Override
    public CapabilityActivity activity(Capability capability, Instant from, Instant to) {
        List<Object[]> rows = TransactionEntity.getEntityManager()
                .createQuery(
                        "select t.currency, count(t), sum(t.amount) from TransactionEntity t"
                                + " where t.capability = :capability and t.createdAt >= :from and t.createdAt < :to"
                                + " and t.state <> :cancelled group by t.currency",
                        Object[].class)
                .setParameter("capability", capability.name())
                .setParameter("from", from)
                .setParameter("to", to)
                .setParameter("cancelled", CANCELLED)
                .getResultList();
        long hires = 0;
        Map<Currency, Money> volume = new HashMap<>();
        for (Object[] row : rows) {
            Currency currency = Currency.of((String) row[0]);
            hires += ((Number) row[1]).longValue();
            volume.put(currency, Money.of((BigDecimal) row[2], currency));
        }
        return new CapabilityActivity(hires, volume);
    }
}
