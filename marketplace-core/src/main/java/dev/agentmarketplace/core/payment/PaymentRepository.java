package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the x402 payments of hires, shared by every replica. Every method joins the caller's unit
 * of work. A claim is atomic: of several replicas claiming one payment at once, exactly one gets it,
 * and the outcome of an attempt is recorded only by the claim that made it.
 */
public interface PaymentRepository {
    /**
     * Stores a new payment.
     *
     * @throws dev.agentmarketplace.core.ConflictException with {@code AUTHORIZATION_ALREADY_USED} when a
     *     payment with the same network, asset, payer wallet and nonce exists (an authorization is
     *     served once, whoever presents it), or {@code CONCURRENT_MODIFICATION} when the transaction
     *     already has a payment or the payer agent's payment identifier is taken (a concurrent retry
     *     got there first)
     */
    void add(Payment payment);

    Optional<Payment> findByTransaction(TransactionId transaction);

    /** The payment {@code payerAgent} sent with this payment-identifier id; ids are scoped per payer agent. */
    Optional<Payment> findByPaymentIdentifier(AgentId payerAgent, String paymentIdentifier);

    /**
     * Takes the payment of {@code transaction} for one attempt, if it is PENDING and due ({@code
     * nextAttemptAt <= now}) or SENDING with a lapsed lease ({@code leaseUntil < now}, its claimer
     * presumed dead): it becomes SENDING until {@code leaseUntil} with one more attempt.
     *
     * @return the claimed payment, or empty when it is not claimable (or another caller claimed it first)
     */
    Optional<Payment> claim(TransactionId transaction, Instant now, Instant leaseUntil);

    /** Transactions whose payment {@link #claim} would take at {@code now}, longest due first, at most {@code limit}. */
    List<TransactionId> due(Instant now, int limit);

    /**
     * Records the attempt's outcome: SETTLED with the chain's transaction, FAILED with a reason, or
     * PENDING again with a next attempt and the last error. Only the claim that holds the lease
     * {@code lease} may record it.
     *
     * @return the updated payment, or empty when that claim no longer holds it (another replica took
     *     over after the lease lapsed)
     */
    Optional<Payment> record(TransactionId transaction, Instant lease, AttemptResult result, Instant at);

    /**
     * Payments in {@code state}, newest first by creation (then transaction id, descending), strictly
     * after {@code after} in that order when given, at most {@code limit}. An index on (state,
     * created_at, transaction_id) serves it: the page costs its own rows, whatever the outbox holds.
     */
    List<Payment> inState(PaymentState state, Optional<OutboxCursor> after, int limit);

    /**
     * PENDING payments created before {@code createdBefore}, oldest first (then transaction id),
     * strictly after {@code after} when given, at most {@code limit}; the same index as {@link #inState}.
     */
    List<Payment> pendingCreatedBefore(Instant createdBefore, Optional<OutboxCursor> after, int limit);

    /**
     * An operator's decision on a payment nobody is sending: SETTLED with the chain's transaction or
     * FAILED with a reason, only if it is still in state {@code from} (a compare-and-set, so of two
     * decisions at once, or a decision and a replica's claim, exactly one takes effect).
     *
     * @param result {@link AttemptResult.Settled} or {@link AttemptResult.Failed}
     * @return the updated payment, or empty when it is no longer in {@code from}
     */
    Optional<Payment> reconcile(TransactionId transaction, PaymentState from, AttemptResult result, Instant at);

    /** An attempt's outcome as {@link #record} stores it. */
    sealed interface AttemptResult {
        record Settled(String transaction) implements AttemptResult {}

        record Failed(String reason) implements AttemptResult {}

        record RetryAt(Instant nextAttemptAt, String problem) implements AttemptResult {}

        /** Given up without a decision: the payment awaits an operator's reconciliation. */
        record Unknown(String problem) implements AttemptResult {}
    }
}
