package dev.agentmarketplace.persistence.dispute;

import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeId;
import dev.agentmarketplace.core.dispute.DisputeStatus;
import dev.agentmarketplace.core.dispute.Evidence;
import dev.agentmarketplace.core.dispute.EvidenceItem;
import dev.agentmarketplace.core.dispute.Resolution;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.persistence.ledger.OutcomeColumns;
import java.util.Optional;

/** Explicit mapping between the core's {@link Dispute} and its rows, so no entity leaves this module. */
final class DisputeMapper {
    private DisputeMapper() {}

    static DisputeEntity toNewEntity(Dispute dispute) {
        DisputeEntity entity = new DisputeEntity();
        entity.id = dispute.id().value();
        entity.transactionId = dispute.transactionId().value();
        entity.payerId = dispute.payer().value();
        entity.providerId = dispute.provider().value();
        entity.openedBy = dispute.openedBy().value();
        entity.reason = dispute.reason();
        entity.openedAt = dispute.openedAt();
        entity.deadline = dispute.deadline();
        copyChangeable(dispute, entity);
        return entity;
    }

    /** Status, resolution and version, plus the evidence items the entity does not have yet. */
    static void copyChangeable(Dispute dispute, DisputeEntity entity) {
        entity.status = dispute.status().name();
        OutcomeColumns outcome = OutcomeColumns.of(dispute.resolution().map(Resolution::outcome));
        entity.outcome = outcome.kind();
        entity.refundAmount = outcome.refundAmount();
        entity.refundCurrency = outcome.refundCurrency();
        entity.decidedByKind =
                dispute.resolution().map(r -> r.decidedBy().kind().name()).orElse(null);
        entity.decidedById = dispute.resolution().map(r -> r.decidedBy().id()).orElse(null);
        entity.decidedAt = dispute.resolution().map(Resolution::decidedAt).orElse(null);
        entity.resolutionNote = dispute.resolution().map(Resolution::note).orElse(null);
        for (int item = entity.evidence.size(); item < dispute.evidence().size(); item++) {
            entity.evidence.add(toRow(dispute.evidence().get(item)));
        }
        entity.version = dispute.version();
    }

    static Dispute toDomain(DisputeEntity entity) {
        Optional<Resolution> resolution = new OutcomeColumns(entity.outcome, entity.refundAmount, entity.refundCurrency)
                .toDomain()
                .map(outcome -> new Resolution(
                        outcome,
                        new Actor(Actor.Kind.valueOf(entity.decidedByKind), entity.decidedById),
                        entity.decidedAt,
                        entity.resolutionNote));
        return new Dispute(
                DisputeId.of(entity.id),
                TransactionId.of(entity.transactionId),
                AgentId.of(entity.payerId),
                AgentId.of(entity.providerId),
                AgentId.of(entity.openedBy),
                entity.reason,
                entity.evidence.stream().map(DisputeMapper::toDomain).toList(),
                entity.openedAt,
                entity.deadline,
                DisputeStatus.valueOf(entity.status),
                resolution,
                entity.version);
    }

    private static EvidenceRow toRow(Evidence evidence) {
        EvidenceRow row = new EvidenceRow();
        switch (evidence.item()) {
            case EvidenceItem.Text(String text) -> {
                row.kind = "TEXT";
                row.content = text;
            }
            case EvidenceItem.Link link -> {
                row.kind = "LINK";
                row.content = link.url().toString();
            }
            case EvidenceItem.Checksum(String sha256) -> {
                row.kind = "CHECKSUM";
                row.content = sha256;
            }
        }
        row.submittedBy = evidence.submittedBy().value();
        row.submittedAt = evidence.submittedAt();
        return row;
    }

    private static Evidence toDomain(EvidenceRow row) {
        EvidenceItem item = switch (row.kind) {
            case "TEXT" -> new EvidenceItem.Text(row.content);
            case "LINK" -> EvidenceItem.Link.of(row.content);
            case "CHECKSUM" -> new EvidenceItem.Checksum(row.content);
            default -> throw new IllegalStateException("unknown evidence kind '" + row.kind + "' in the database");
        };
        return new Evidence(item, AgentId.of(row.submittedBy), row.submittedAt);
    }
}
