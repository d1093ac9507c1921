package dev.agentmarketplace.bench;

import dev.agentmarketplace.core.ledger.HireStatistics;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import io.quarkus.hibernate.orm.panache.Panache;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Hire statistics from the {@code provider_load} minutes, since this branch has no ledger tables:
 * recommend asks only for the last hire of agents whose ranks tie, which the minutes answer to the
 * minute through their primary key, as the ledger's (provider, created_at) index would exactly.
 */
final class BenchHireStatistics implements HireStatistics {
    @Override
    public long hiresOf(AgentId provider, Instant since) {
        Number hires = (Number) Panache.getEntityManager()
                .createNativeQuery("SELECT COALESCE(SUM(hires), 0) FROM provider_load WHERE provider_id = ?1"
                        + " AND bucket_start >= ?2")
                .setParameter(1, provider.value())
                .setParameter(2, since)
                .getSingleResult();
        return hires.longValue();
    }

    @Override
    public Optional<Instant> lastHireOf(AgentId provider) {
        Object last = Panache.getEntityManager()
                .createNativeQuery("SELECT MAX(bucket_start) FROM provider_load WHERE provider_id = ?1")
                .setParameter(1, provider.value())
                .getSingleResult();
        return switch (last) {
            case null -> Optional.empty();
            case Instant instant -> Optional.of(instant);
            case OffsetDateTime time -> Optional.of(time.toInstant());
            case java.sql.Timestamp timestamp -> Optional.of(timestamp.toInstant());
            default -> throw new IllegalStateException("unexpected timestamp type " + last.getClass());
        };
    }

    @Override
    public CapabilityActivity activity(Capability capability, Instant from, Instant to) {
        throw new UnsupportedOperationException("the benchmark measures search and recommend, not analytics");
    }
}
