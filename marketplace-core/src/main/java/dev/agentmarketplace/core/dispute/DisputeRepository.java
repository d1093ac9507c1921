package dev.agentmarketplace.core.dispute;

import dev.agentmarketplace.core.ledger.TransactionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: where disputes are kept. */
public interface DisputeRepository {
    Optional<Dispute> findById(DisputeId id);

    /** The dispute over {@code transaction}; a transaction is disputed at most once. */
    Optional<Dispute> findByTransaction(TransactionId transaction);

    /**
     * Stores a new dispute (its version is 0).
     *
     * @throws dev.agentmarketplace.core.ConflictException with {@code CONCURRENT_MODIFICATION} when
     *     the id is taken or the transaction already has a dispute
     */
    void add(Dispute dispute);

    /**
     * Replaces a stored dispute and returns it with its version increased by one.
     *
     * @throws dev.agentmarketplace.core.ConflictException with {@code CONCURRENT_MODIFICATION} when
     *     the stored version is no longer {@code dispute.version()}
     */
    Dispute update(Dispute dispute);

    /**
     * OPEN disputes whose deadline is strictly before {@code now}, in id order, strictly after
     * {@code after} when given, at most {@code limit}.
     */
    List<Dispute> openPastDeadline(Instant now, Optional<DisputeId> after, int limit);

    /** Disputes matching {@code filter} in id order, strictly after {@code after} when given, at most {@code limit}. */
    List<Dispute> list(DisputeFilter filter, Optional<DisputeId> after, int limit);

    /**
     * The queue: disputes in {@code status} (any when empty) in {@link DisputeQueueCursor#ORDER},
     * strictly after {@code after} when given, at most {@code limit}.
     */
    List<Dispute> queue(Optional<DisputeStatus> status, Optional<DisputeQueueCursor> after, int limit);
}
