package dev.agentmarketplace.core.dispute;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ShownText;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A dispute over one transaction, opened by its payer or provider. Evidence is accepted until
 * {@code deadline}; {@code version} counts stored changes and guards against lost updates.
 */
public record Dispute(
        DisputeId id,
        TransactionId transactionId,
        AgentId payer,
        AgentId provider,
        AgentId openedBy,
        String reason,
        List<Evidence> evidence,
        Instant openedAt,
        Instant deadline,
        DisputeStatus status,
        Optional<Resolution> resolution,
        long version) {
    public static final int MAX_REASON_LENGTH = 2000;
    public static final int MAX_EVIDENCE_ITEMS = 100;

    public Dispute {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(openedBy, "openedBy");
        if (!openedBy.equals(payer) && !openedBy.equals(provider)) {
            throw new IllegalArgumentException("a dispute is opened by the payer or the provider");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidValueException("reason", "must not be blank");
        }
        reason = ShownText.multiline("reason", reason.strip());
        if (reason.length() > MAX_REASON_LENGTH) {
            throw new InvalidValueException("reason", "must be at most " + MAX_REASON_LENGTH + " characters");
        }
        evidence = List.copyOf(evidence);
        if (evidence.size() > MAX_EVIDENCE_ITEMS) {
            throw new InvalidValueException("evidence", "at most " + MAX_EVIDENCE_ITEMS + " items per dispute");
        }
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(status, "status");
        resolution = resolution == null ? Optional.empty() : resolution;
        if ((status == DisputeStatus.RESOLVED) != resolution.isPresent()) {
            throw new IllegalArgumentException("a dispute has a resolution exactly when it is RESOLVED");
        }
    }

    public boolean isParty(AgentId agent) {
        return payer.equals(agent) || provider.equals(agent);
    }

    public boolean hasEvidenceFrom(AgentId agent) {
        return evidence.stream().anyMatch(item -> item.submittedBy().equals(agent));
    }

    /** Evidence is accepted up to and including the deadline. */
    public boolean isPastDeadline(Instant now) {
        return now.isAfter(deadline);
    }

    Dispute withEvidence(Evidence item) {
        List<Evidence> items = new ArrayList<>(evidence);
        items.add(item);
        return new Dispute(
                id,
                transactionId,
                payer,
                provider,
                openedBy,
                reason,
                items,
                openedAt,
                deadline,
                status,
                resolution,
                version);
    }

    Dispute resolvedWith(Resolution decision) {
        return new Dispute(
                id,
                transactionId,
                payer,
                provider,
                openedBy,
                reason,
                evidence,
                openedAt,
                deadline,
                DisputeStatus.RESOLVED,
                Optional.of(decision),
                version);
    }
}
