package dev.agentmarketplace.core.dispute;

import dev.agentmarketplace.core.registry.AgentId;
import java.time.Instant;
import java.util.Objects;

/** An evidence item as recorded: which party submitted it, and when. */
public record Evidence(EvidenceItem item, AgentId submittedBy, Instant submittedAt) {
    public Evidence {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(submittedBy, "submittedBy");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }
}
