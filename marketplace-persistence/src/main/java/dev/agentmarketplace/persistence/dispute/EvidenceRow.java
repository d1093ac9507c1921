package dev.agentmarketplace.persistence.dispute;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/** Row of {@code dispute_evidence}: one item, its kind naming how {@code content} reads. */
@Embeddable
public class EvidenceRow {
    /** TEXT (the statement), LINK (the URL) or CHECKSUM (64 lower-case hex). */
    @Column(name = "kind", length = 16, nullable = false)
    public String kind;

    @Column(name = "content", length = 4000, nullable = false)
    public String content;

    @Column(name = "submitted_by", length = 64, nullable = false)
    public String submittedBy;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;
}
