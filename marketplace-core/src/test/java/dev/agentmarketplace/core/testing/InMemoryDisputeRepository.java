package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeFilter;
import dev.agentmarketplace.core.dispute.DisputeId;
import dev.agentmarketplace.core.dispute.DisputeQueueCursor;
import dev.agentmarketplace.core.dispute.DisputeRepository;
import dev.agentmarketplace.core.dispute.DisputeStatus;
import dev.agentmarketplace.core.ledger.TransactionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The dispute port in memory, ordered by id, joining the in-memory unit of work's rollback. */
public final class InMemoryDisputeRepository implements DisputeRepository {
    private final ConcurrentSkipListMap<String, Dispute> disputes = new ConcurrentSkipListMap<>();
    private final InMemoryUnitOfWork unitOfWork;

    public InMemoryDisputeRepository(InMemoryUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    @Override
    public Optional<Dispute> findById(DisputeId id) {
        return Optional.ofNullable(disputes.get(id.value()));
    }

    @Override
    public Optional<Dispute> findByTransaction(TransactionId transaction) {
        return disputes.values().stream()
                .filter(dispute -> dispute.transactionId().equals(transaction))
                .findFirst();
    }

    @Override
    public synchronized void add(Dispute dispute) {
        if (disputes.containsKey(dispute.id().value())
                || findByTransaction(dispute.transactionId()).isPresent()) {
            throw new ConflictException(
                    ErrorCode.CONCURRENT_MODIFICATION,
                    "dispute '" + dispute.id() + "' or a dispute over transaction '" + dispute.transactionId()
                            + "' is already stored");
        }
        Dispute stored = withVersion(dispute, 0);
        disputes.put(stored.id().value(), stored);
        unitOfWork.onRollback(() -> disputes.remove(stored.id().value()));
    }

    @Override
    public synchronized Dispute update(Dispute dispute) {
        Dispute stored = disputes.get(dispute.id().value());
        if (stored == null) {
            throw new IllegalStateException("no dispute " + dispute.id() + " to update");
        }
        if (stored.version() != dispute.version()) {
            throw new ConflictException(
                    ErrorCode.CONCURRENT_MODIFICATION,
                    "dispute '" + dispute.id() + "' was changed by someone else; read it again and retry");
        }
        Dispute next = withVersion(dispute, dispute.version() + 1);
        disputes.put(next.id().value(), next);
        unitOfWork.onRollback(() -> disputes.put(stored.id().value(), stored));
        return next;
    }

    @Override
    public List<Dispute> openPastDeadline(Instant now, Optional<DisputeId> after, int limit) {
        var view = after.map(cursor -> disputes.tailMap(cursor.value(), false)).orElse(disputes);
        return view.values().stream()
                .filter(dispute -> dispute.status() == DisputeStatus.OPEN
                        && dispute.deadline().isBefore(now))
                .limit(limit)
                .toList();
    }

    @Override
    public List<Dispute> list(DisputeFilter filter, Optional<DisputeId> after, int limit) {
        var view = after.map(cursor -> disputes.tailMap(cursor.value(), false)).orElse(disputes);
        return view.values().stream().filter(filter::matches).limit(limit).toList();
    }

    @Override
    public List<Dispute> queue(Optional<DisputeStatus> status, Optional<DisputeQueueCursor> after, int limit) {
        return disputes.values().stream()
                .filter(dispute ->
                        status.map(value -> dispute.status() == value).orElse(true))
                .filter(dispute -> after.map(cursor -> cursor.precedes(dispute)).orElse(true))
                .sorted(DisputeQueueCursor.ORDER)
                .limit(limit)
                .toList();
    }

    private static Dispute withVersion(Dispute d, long version) {
        return new Dispute(
                d.id(),
                d.transactionId(),
                d.payer(),
                d.provider(),
                d.openedBy(),
                d.reason(),
                d.evidence(),
                d.openedAt(),
                d.deadline(),
                d.status(),
                d.resolution(),
                version);
    }
}
