package dev.agentmarketplace.persistence.access;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code agent_client}; mapped to and from the core's {@code AgentClient} by the repository. */
@Entity
@Table(name = "agent_client")
public class AgentClientEntity extends PanacheEntityBase {
    @Id
    @Column(name = "agent_id", length = 64, nullable = false, updatable = false)
    public String agentId;

    /** The core's role names, comma-separated; CHECKs keep them known and AGENT among them. */
    @Column(name = "roles", length = 64, nullable = false)
    public String roles;

    @Column(name = "created_by", length = 255, nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** Who disabled the client, with {@link #disabledAt}; both null while it is enabled (V14). */
    @Column(name = "disabled_by", length = 255)
    public String disabledBy;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    /** When it was last enabled again: its tokens issued before then stay refused. */
    @Column(name = "tokens_issued_from")
    public Instant tokensIssuedFrom;
}
