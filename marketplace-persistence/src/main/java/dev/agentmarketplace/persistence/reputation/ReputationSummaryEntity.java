package dev.agentmarketplace.persistence.reputation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code reputation_summary}: the latest summary of one agent, which search joins. */
@Entity
@Table(name = "reputation_summary")
public class ReputationSummaryEntity extends PanacheEntityBase {
    @Id
    @Column(name = "agent_id", length = 64, nullable = false, updatable = false)
    public String agentId;

    @Column(name = "score", nullable = false)
    public double score;

    @Column(name = "lower_bound", nullable = false)
    public double lowerBound;

    @Column(name = "effective_observations", nullable = false)
    public double effectiveObservations;

    @Column(name = "as_of", nullable = false)
    public Instant asOf;
}
