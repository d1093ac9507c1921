package dev.agentmarketplace.persistence.idempotency;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** Row of {@code idempotency_record}; mapped to and from the core's {@code IdempotencyRecord} by the repository. */
@Entity
@Table(name = "idempotency_record")
@IdClass(IdempotencyRecordEntity.Key.class)
public class IdempotencyRecordEntity extends PanacheEntityBase {
    /** The primary key: a key is scoped to the caller that sent it. */
    public record Key(String caller, String idempotencyKey) implements Serializable {}

    @Id
    @Column(name = "caller", length = 255, nullable = false, updatable = false)
    public String caller;

    @Id
    @Column(name = "idempotency_key", length = 128, nullable = false, updatable = false)
    public String idempotencyKey;

    @Column(name = "fingerprint", length = 64, nullable = false)
    public String fingerprint;

    @Column(name = "claimed_at", nullable = false)
    public Instant claimedAt;

    /** Null until the request succeeded; then, with the other response columns, its response. */
    @Column(name = "response_status")
    public Integer responseStatus;

    @Column(name = "content_type", length = 255)
    public String contentType;

    @Column(name = "body", length = 1_048_576)
    public String body;

    @Column(name = "location", length = 2048)
    public String location;
}
