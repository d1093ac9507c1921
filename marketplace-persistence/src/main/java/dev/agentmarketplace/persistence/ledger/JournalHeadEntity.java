package dev.agentmarketplace.persistence.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The single row of {@code journal_head} (id 1, inserted by the migration): the last entry's
 * sequence and hash. Every append locks it, which serializes appends across replicas.
 */
@Entity
@Table(name = "journal_head")
public class JournalHeadEntity extends PanacheEntityBase {
    static final int THE_HEAD = 1;

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    public int id;

    @Column(name = "entry_sequence", nullable = false)
    public long sequence;

    @Column(name = "hash", length = 64, nullable = false)
    public String hash;
}
