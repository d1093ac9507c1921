package dev.agentmarketplace.persistence.ledger;

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
import org.hibernate.annotations.Immutable;

/**
 * Row of {@code ledger_transaction}, with its timeline; mapped to the core's {@code Transaction} by
 * {@link TransactionMapper}. Only read: {@link TransactionWrites} writes these rows, so the entity
 * is {@link Immutable} and Hibernate keeps no snapshot of it to dirty-check at each flush.
 */
@Entity
@Immutable
@Table(name = "ledger_transaction")
public class TransactionEntity extends PanacheEntityBase {
    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    public String id;

    @Column(name = "payer_id", length = 64, nullable = false, updatable = false)
    public String payerId;

    @Column(name = "provider_id", length = 64, nullable = false, updatable = false)
    public String providerId;

    @Column(name = "capability", length = 100, nullable = false, updatable = false)
    public String capability;

    @Column(name = "amount", precision = 38, scale = 18, nullable = false, updatable = false)
    public BigDecimal amount;

    @Column(name = "currency", length = 12, nullable = false, updatable = false)
    public String currency;

    @Column(name = "context", length = 4096, nullable = false, updatable = false)
    public String context;

    @Column(name = "idempotency_key", length = 128, nullable = false, updatable = false)
    public String idempotencyKey;

    /** The core's {@code TransactionState} by name; a CHECK constraint keeps the column to those names. */
    @Column(name = "state", length = 16, nullable = false)
    public String state;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "settlement_reference", length = 256)
    public String settlementReference;

    @Column(name = "outcome", length = 16)
    public String outcome;

    @Column(name = "refund_amount", precision = 38, scale = 18)
    public BigDecimal refundAmount;

    @Column(name = "refund_currency", length = 12)
    public String refundCurrency;

    /** The timeline only ever grows, so an update inserts the new steps and rewrites none. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "ledger_transition", joinColumns = @JoinColumn(name = "transaction_id"))
    @OrderColumn(name = "step")
    @BatchSize(size = 100)
    public List<TransitionRow> timeline = new ArrayList<>();

    /** The core's optimistic version, bumped by a compare-and-set as for agents (not a JPA {@code @Version}). */
    @Column(name = "version", nullable = false)
    public long version;
}
