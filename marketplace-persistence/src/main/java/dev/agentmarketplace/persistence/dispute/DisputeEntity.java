package dev.agentmarketplace.persistence.dispute;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.BatchSize;

/** Row of {@code dispute}; mapped to and from the core's {@code Dispute} by {@link DisputeMapper}. */
@Entity
@Table(name = "dispute")
public class DisputeEntity extends PanacheEntityBase {
    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    public String id;

    @Column(name = "transaction_id", length = 36, nullable = false, updatable = false)
    public String transactionId;

    @Column(name = "payer_id", length = 64, nullable = false, updatable = false)
    public String payerId;

    @Column(name = "provider_id", length = 64, nullable = false, updatable = false)
    public String providerId;

    @Column(name = "opened_by", length = 64, nullable = false, updatable = false)
    public String openedBy;

    @Column(name = "reason", length = 2000, nullable = false, updatable = false)
    public String reason;

    @Column(name = "opened_at", nullable = false, updatable = false)
    public Instant openedAt;

    @Column(name = "deadline", nullable = false, updatable = false)
    public Instant deadline;

    /** The core's {@code DisputeStatus} by name; a CHECK constraint keeps the column to those names. */
    @Column(name = "status", length = 16, nullable = false)
    public String status;

    @Column(name = "outcome", length = 16)
    public String outcome;

    @Column(name = "refund_amount", precision = 38, scale = 18)
    public BigDecimal refundAmount;

    @Column(name = "refund_currency", length = 12)
    public String refundCurrency;

    @Column(name = "decided_by_kind", length = 16)
    public String decidedByKind;

    @Column(name = "decided_by_id", length = 128)
    public String decidedById;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "resolution_note", length = 4096)
    public String resolutionNote;

    /** Evidence only grows, so an update inserts the new items and rewrites none. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "dispute_evidence", joinColumns = @JoinColumn(name = "dispute_id"))
    @OrderColumn(name = "item_no")
    @BatchSize(size = 100)
    public List<EvidenceRow> evidence = new ArrayList<>();

    /** The core's optimistic version, bumped by a compare-and-set as for agents (not a JPA {@code @Version}). */
    @Column(name = "version", nullable = false)
    public long version;
}
