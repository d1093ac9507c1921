package dev.agentmarketplace.persistence.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/** Row of {@code ledger_transition}: one step of a transaction's timeline. */
@Embeddable
public class TransitionRow {
    /** Null for the hire itself, the first step. */
    @Column(name = "from_state", length = 16)
    public String fromState;

    @Column(name = "to_state", length = 16, nullable = false)
    public String toState;

    @Column(name = "actor_kind", length = 16, nullable = false)
    public String actorKind;

    @Column(name = "actor_id", length = 128, nullable = false)
    public String actorId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "note", length = 4096, nullable = false)
    public String note;
}
