package dev.agentmarketplace.persistence.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.Immutable;

/**
 * Row of {@code journal_entry}, with its postings. {@link Immutable}: Hibernate never writes an
 * UPDATE for it, so the only path into the journal is an insert (on PostgreSQL a trigger refuses
 * the rest from anywhere else).
 */
@Entity
@Immutable
@Table(name = "journal_entry")
public class JournalEntryEntity extends PanacheEntityBase {
    @Id
    @Column(name = "entry_sequence", nullable = false, updatable = false)
    public long sequence;

    @Column(name = "id", length = 36, nullable = false, updatable = false)
    public String id;

    @Column(name = "transaction_id", length = 36, nullable = false, updatable = false)
    public String transactionId;

    @Column(name = "kind", length = 16, nullable = false, updatable = false)
    public String kind;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant at;

    /** As the core computed it: the journal stores the chain, it never recomputes it. */
    @Column(name = "previous_hash", length = 64, nullable = false, updatable = false)
    public String previousHash;

    @Column(name = "hash", length = 64, nullable = false, updatable = false)
    public String hash;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "journal_posting", joinColumns = @JoinColumn(name = "entry_sequence"))
    @BatchSize(size = 500)
    public List<PostingRow> postings = new ArrayList<>();
}
