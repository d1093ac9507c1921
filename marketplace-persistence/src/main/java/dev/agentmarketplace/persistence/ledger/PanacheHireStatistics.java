package dev.agentmarketplace.persistence.ledger;

import dev.agentmarketplace.core.ledger.HireStatistics;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link HireStatistics} as aggregate queries over {@code ledger_transaction}, each served by an
 * index: (provider_id, created_at) for hire counts and the last hire, (capability, created_at) for
 * activity. Nothing is loaded row by row.
 */
@ApplicationScoped
@Transactional
public class PanacheHireStatistics implements HireStatistics {
    private static final String CANCELLED = TransactionState.CANCELLED.name();

    /**
     * Runs inside the hire's unit of work after the provider's row lock: under READ COMMITTED the
     * count sees every hire committed by whoever held the lock before, on any replica.
     */
    @Override
    public long hiresOf(AgentId provider, Instant since) {
        return TransactionEntity.count(
                "providerId = ?1 and createdAt >= ?2 and state <> ?3", provider.value(), since, CANCELLED);
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
