package dev.agentmarketplace.persistence.reputation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Row of the append-only {@code reputation_event} table: every kind of the core's {@code
 * ReputationEvent} in one table, told apart by {@link #kind}; mapped by {@link ReputationMapper}.
 */
@Entity
@Table(name = "reputation_event")
public class ReputationEventEntity extends PanacheEntityBase {
    /** Assigned by the database in insert order, which is the history's order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false, updatable = false)
    public Long id;

    @Column(name = "agent_id", length = 64, nullable = false, updatable = false)
    public String agentId;

    @Column(name = "kind", length = 24, nullable = false, updatable = false)
    public String kind;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    @Column(name = "amount_weight", nullable = false, updatable = false)
    public double amountWeight;

    @Column(name = "weight", updatable = false)
    public Double weight;

    @Column(name = "success", updatable = false)
    public Boolean success;

    @Column(name = "cause", length = 500, updatable = false)
    public String cause;

    @Column(name = "rating", precision = 2, scale = 1, updatable = false)
    public BigDecimal rating;

    @Column(name = "delta", precision = 3, scale = 2, updatable = false)
    public BigDecimal delta;

    @Column(name = "figure_scale", updatable = false)
    public Short figureScale;

    @Column(name = "from_agent_id", length = 64, updatable = false)
    public String fromAgentId;

    @Column(name = "feedback_transaction_id", length = 36, updatable = false)
    public String feedbackTransactionId;

    @Column(name = "transaction_id", length = 36, updatable = false)
    public String transactionId;

    @Column(name = "reason", length = 500, updatable = false)
    public String reason;

    @Column(name = "operator_name", length = 500, updatable = false)
    public String operatorName;
}
