package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.payment.OutboxCursor;
import dev.agentmarketplace.core.payment.Payment;
import dev.agentmarketplace.core.payment.PaymentRepository;
import dev.agentmarketplace.core.payment.PaymentState;
import dev.agentmarketplace.core.registry.AgentId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The payment port in memory, joining the in-memory unit of work's rollback. */
public final class InMemoryPaymentRepository implements PaymentRepository {
    private final Map<TransactionId, Payment> payments = new ConcurrentHashMap<>();
    private final InMemoryUnitOfWork unitOfWork;

    public InMemoryPaymentRepository(InMemoryUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    @Override
    public synchronized void add(Payment payment) {
        boolean used = payments.values().stream()
                .anyMatch(other -> other.network().equals(payment.network())
                        && other.asset().equals(payment.asset())
                        && other.payer().equals(payment.payer())
                        && other.nonce().equals(payment.nonce()));
        if (used) {
            throw new ConflictException(
                    ErrorCode.AUTHORIZATION_ALREADY_USED,
                    "the authorization of " + payment.payer() + " with nonce " + payment.nonce() + " was already used");
        }
        boolean taken = payments.containsKey(payment.transactionId())
                || payment.paymentIdentifier()
                        .flatMap(id -> findByPaymentIdentifier(payment.payerAgent(), id))
                        .isPresent();
        if (taken) {
            throw new ConflictException(
                    ErrorCode.CONCURRENT_MODIFICATION,
                    "transaction '" + payment.transactionId() + "' or payment identifier of payer '"
                            + payment.payerAgent() + "' already has a payment");
        }
        payments.put(payment.transactionId(), payment);
        unitOfWork.onRollback(() -> payments.remove(payment.transactionId()));
    }

    @Override
    public Optional<Payment> findByTransaction(TransactionId transaction) {
        return Optional.ofNullable(payments.get(transaction));
    }

    @Override
    public Optional<Payment> findByPaymentIdentifier(AgentId payerAgent, String paymentIdentifier) {
        return payments.values().stream()
                .filter(payment -> payment.payerAgent().equals(payerAgent)
                        && payment.paymentIdentifier().equals(Optional.of(paymentIdentifier)))
                .findFirst();
    }

    @Override
    public synchronized Optional<Payment> claim(TransactionId transaction, Instant now, Instant leaseUntil) {
        Payment stored = payments.get(transaction);
        if (stored == null || !stored.claimableAt(now)) {
            return Optional.empty();
        }
        return Optional.of(replace(stored, stored.claimed(now, leaseUntil)));
    }

    @Override
    public List<TransactionId> due(Instant now, int limit) {
        return payments.values().stream()
                .filter(payment -> payment.claimableAt(now))
                .sorted(Comparator.comparing(InMemoryPaymentRepository::dueSince)
                        .thenComparing(payment -> payment.transactionId().value()))
                .limit(limit)
                .map(Payment::transactionId)
                .toList();
    }

    @Override
    public synchronized Optional<Payment> record(
            TransactionId transaction, Instant lease, AttemptResult result, Instant at) {
        Payment stored = payments.get(transaction);
        if (stored == null
                || stored.state() != PaymentState.SENDING
                || !stored.leaseUntil().orElseThrow().equals(lease)) {
            return Optional.empty();
        }
        return Optional.of(replace(stored, stored.after(result, at)));
    }

    @Override
    public List<Payment> inState(PaymentState state, Optional<OutboxCursor> after, int limit) {
        Comparator<Payment> newestFirst = Comparator.comparing(Payment::createdAt)
                .thenComparing(payment -> payment.transactionId().value())
                .reversed();
        return payments.values().stream()
                .filter(payment -> payment.state() == state)
                .filter(payment ->
                        after.map(cursor -> compare(payment, cursor) < 0).orElse(true))
                .sorted(newestFirst)
                .limit(limit)
                .toList();
    }

    @Override
    public List<Payment> pendingCreatedBefore(Instant createdBefore, Optional<OutboxCursor> after, int limit) {
        Comparator<Payment> oldestFirst = Comparator.comparing(Payment::createdAt)
                .thenComparing(payment -> payment.transactionId().value());
        return payments.values().stream()
                .filter(payment -> payment.state() == PaymentState.PENDING
                        && payment.createdAt().isBefore(createdBefore))
                .filter(payment ->
                        after.map(cursor -> compare(payment, cursor) > 0).orElse(true))
                .sorted(oldestFirst)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<Payment> reconcile(
            TransactionId transaction, PaymentState from, AttemptResult result, Instant at) {
        Payment stored = payments.get(transaction);
        if (stored == null || stored.state() != from) {
            return Optional.empty();
        }
        return Optional.of(replace(stored, stored.after(result, at)));
    }

    /** Orders a payment against a cursor by (created at, transaction id), ascending. */
    private static int compare(Payment payment, OutboxCursor cursor) {
        int byTime = payment.createdAt().compareTo(cursor.createdAt());
        return byTime != 0
                ? byTime
                : payment.transactionId().value().compareTo(cursor.transaction().value());
    }

    private Payment replace(Payment stored, Payment next) {
        payments.put(next.transactionId(), next);
        unitOfWork.onRollback(() -> payments.put(stored.transactionId(), stored));
        return next;
    }

    /** When a payment became claimable: its next attempt, or when its lapsed lease ended. */
    static Instant dueSince(Payment payment) {
        return payment.state() == PaymentState.SENDING ? payment.leaseUntil().orElseThrow() : payment.nextAttemptAt();
    }
}
