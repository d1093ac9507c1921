package dev.agentmarketplace.persistence.ratelimit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** Row of {@code rate_limit_window}: how many requests a caller made in one fixed window. */
@Entity
@Table(name = "rate_limit_window")
@IdClass(RateLimitWindowEntity.Key.class)
public class RateLimitWindowEntity extends PanacheEntityBase {
    public record Key(String caller, Instant windowStart) implements Serializable {}

    @Id
    @Column(name = "caller", length = 255, nullable = false, updatable = false)
    public String caller;

    @Id
    @Column(name = "window_start", nullable = false, updatable = false)
    public Instant windowStart;

    @Column(name = "request_count", nullable = false)
    public long requestCount;
}
