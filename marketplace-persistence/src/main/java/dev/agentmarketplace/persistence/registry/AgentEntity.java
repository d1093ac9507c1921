package dev.agentmarketplace.persistence.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** Row of the {@code agent} table; mapped to and from the core's {@code Agent} by {@link AgentMapper}. */
@Entity
@Table(name = "agent")
public class AgentEntity extends PanacheEntityBase {
    @Id
    @Column(name = "id", length = 64, nullable = false, updatable = false)
    public String id;

    @Column(name = "display_name", length = 120, nullable = false)
    public String displayName;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agent_capability", joinColumns = @JoinColumn(name = "agent_id"))
    @Column(name = "capability", length = 100, nullable = false)
    public Set<String> capabilities = new LinkedHashSet<>();

    /** The core's {@code Availability} by name; a CHECK constraint keeps the column to those names. */
    @Column(name = "availability", length = 16, nullable = false)
    public String availability;

    @Column(name = "registered_at", nullable = false, updatable = false)
    public Instant registeredAt;

    @Version
    @Column(name = "version", nullable = false)
    public long version;
}
