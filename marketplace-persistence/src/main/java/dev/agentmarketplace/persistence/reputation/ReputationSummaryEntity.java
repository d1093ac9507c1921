package dev.agentmarketplace.persistence.reputation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Row of {@code reputation_summary}: the latest summary of one agent, which search joins, and the
 * tally it was computed from (V17; all {@code null} for a row without one).
 */
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

    @Column(name = "tally_weight_sum")
    public Double tallyWeightSum;

    @Column(name = "tally_weighted_ratings")
    public Double tallyWeightedRatings;

    @Column(name = "tally_weighted_squares")
    public Double tallyWeightedSquares;

    @Column(name = "tally_adjustment")
    public Double tallyAdjustment;

    @Column(name = "tally_successes")
    public Long tallySuccesses;

    @Column(name = "tally_failures")
    public Long tallyFailures;

    @Column(name = "tally_feedback_count")
    public Long tallyFeedbackCount;

    @Column(name = "tally_as_of")
    public Instant tallyAsOf;
}
