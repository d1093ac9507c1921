package dev.agentmarketplace.persistence.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
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

    @Column(name = "owner", length = 120, nullable = false)
    public String owner;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agent_capability", joinColumns = @JoinColumn(name = "agent_id"))
    @Column(name = "capability", length = 100, nullable = false)
    public Set<String> capabilities = new LinkedHashSet<>();

    /** Wide enough for any currency the core accepts (scale 0 to 18). */
    @Column(name = "price_amount", precision = 38, scale = 18, nullable = false)
    public BigDecimal priceAmount;

    @Column(name = "price_currency", length = 12, nullable = false)
    public String priceCurrency;

    @Column(name = "payout_wallet", length = 42, nullable = false)
    public String payoutWallet;

    /** The core's {@code Availability} by name; a CHECK constraint keeps the column to those names. */
    @Column(name = "availability", length = 16, nullable = false)
    public String availability;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    @Column(name = "capacity_per_hour", nullable = false)
    public int capacityPerHour;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agent_metadata", joinColumns = @JoinColumn(name = "agent_id"))
    @MapKeyColumn(name = "entry_key", length = 64)
    @Column(name = "entry_value", length = 512, nullable = false)
    public Map<String, String> metadata = new HashMap<>();

    @Column(name = "registered_at", nullable = false, updatable = false)
    public Instant registeredAt;

    @Column(name = "deregistered_at")
    public Instant deregisteredAt;

    /**
     * The core's optimistic version. Not a JPA {@code @Version}: {@link PanacheAgentRepository#update}
     * bumps it itself with a compare-and-set, so the port's rule (every update adds exactly one)
     * holds even when nothing else changed.
     */
    @Column(name = "version", nullable = false)
    public long version;
}
