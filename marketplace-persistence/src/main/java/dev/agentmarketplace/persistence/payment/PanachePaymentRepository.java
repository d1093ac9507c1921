package dev.agentmarketplace.persistence.payment;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.payment.OutboxCursor;
import dev.agentmarketplace.core.payment.Payment;
import dev.agentmarketplace.core.payment.PaymentRepository;
import dev.agentmarketplace.core.payment.PaymentState;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.persistence.UniqueViolation;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * {@link PaymentRepository} on the {@code x402_payment} table (V9). Each method joins the caller's
 * transaction (the core's unit of work), so a payment is stored with its hire or not at all.
 *
 * <p>The database decides every race: the authorization's unique key which of several replicas
 * records a payment, and a conditional {@code UPDATE} which one claims it or records its outcome.
 * Under READ COMMITTED the {@code UPDATE} waits for the row lock of a concurrent one and then
 * re-evaluates its condition on the row that one committed, so it matches no row once another caller
 * changed it. The columns are then written from the core's own transition ({@link Payment#claimed},
 * {@link Payment#after}), under the row lock that {@code UPDATE} took.
 */
@ApplicationScoped
@Transactional
public class PanachePaymentRepository implements PaymentRepository {
    /** The replay guard's unique key (V9); a duplicate on any other key is a concurrent retry of one hire. */
    static final String AUTHORIZATION_KEY = "x402_payment_authorization_unique";

    private static final String OF_AUTHORIZATION =
            "network = :network and asset = :asset and payerWallet = :payer and nonce = :nonce";
    private static final String CLAIMABLE =
            "(state = :pending and nextAttemptAt <= :now)" + " or (state = :sending and leaseUntil < :now)";
    private static final String HELD = "state = :sending and leaseUntil = :lease";

    @Override
    public void add(Payment payment) {
        if (PaymentEntity.count(OF_AUTHORIZATION, authorization(payment)) > 0) {
            throw authorizationUsed(payment);
        }
        if (PaymentEntity.findById(payment.transactionId().value()) != null
                || payment.paymentIdentifier()
                        .flatMap(id -> findByPaymentIdentifier(payment.payerAgent(), id))
                        .isPresent()) {
            throw taken(payment);
        }
        try {
            // Flushed here, so a key another replica took since the checks above fails this call.
            PaymentMapper.toNewEntity(payment).persistAndFlush();
        } catch (PersistenceException e) {
            if (UniqueViolation.causedBy(e, AUTHORIZATION_KEY)) {
                throw authorizationUsed(payment);
            }
            if (UniqueViolation.causedBy(e)) {
                throw taken(payment);
            }
            throw e;
        }
    }

    @Override
    public Optional<Payment> findByTransaction(TransactionId transaction) {
        return PaymentEntity.<PaymentEntity>findByIdOptional(transaction.value())
                .map(PaymentMapper::toDomain);
    }

    @Override
    public Optional<Payment> findByPaymentIdentifier(AgentId payerAgent, String paymentIdentifier) {
        return PaymentEntity.<PaymentEntity>find(
                        "payerAgentId = ?1 and paymentIdentifier = ?2", payerAgent.value(), paymentIdentifier)
                .firstResultOptional()
                .map(PaymentMapper::toDomain);
    }

    @Override
    public Optional<Payment> claim(TransactionId transaction, Instant now, Instant leaseUntil) {
        int claimed = PaymentEntity.update(
                "updatedAt = :now where transactionId = :id and (" + CLAIMABLE + ")",
                Parameters.with("pending", PaymentState.PENDING.name())
                        .and("sending", PaymentState.SENDING.name())
                        .and("id", transaction.value())
                        .and("now", now));
        if (claimed == 0) {
            return Optional.empty();
        }
        return Optional.of(write(transaction, stored -> stored.claimed(now, leaseUntil)));
    }

    @Override
    public List<TransactionId> due(Instant now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        // One index range scan per state, each in due order and stopping at the limit, then merged:
        // an OR of both would sort every claimable row.
        List<Due> pending = dueSince(PaymentState.PENDING, "nextAttemptAt", "<=", now, limit);
        List<Due> lapsed = dueSince(PaymentState.SENDING, "leaseUntil", "<", now, limit);
        return Stream.concat(pending.stream(), lapsed.stream())
                .sorted(Comparator.comparing(Due::since).thenComparing(Due::transactionId))
                .limit(limit)
                .map(due -> TransactionId.of(due.transactionId()))
                .toList();
    }

    @Override
    public Optional<Payment> record(TransactionId transaction, Instant lease, AttemptResult result, Instant at) {
        int held = PaymentEntity.update(
                "updatedAt = :at where transactionId = :id and " + HELD,
                Parameters.with("sending", PaymentState.SENDING.name())
                        .and("id", transaction.value())
                        .and("lease", lease)
                        .and("at", at));
        if (held == 0) {
            return Optional.empty();
        }
        return Optional.of(write(transaction, stored -> stored.after(result, at)));
    }

    /**
     * Newest first on the (state, created_at, transaction_id) index (V14): the keyset condition is
     * spelt as an OR, which PostgreSQL and H2 both turn into an index range from the cursor.
     */
    @Override
    public List<Payment> inState(PaymentState state, Optional<OutboxCursor> after, int limit) {
        String keyset = after.isPresent() ? " and (createdAt < :at or (createdAt = :at and transactionId < :id))" : "";
        return page(
                "from PaymentEntity where state = :state" + keyset + " order by createdAt desc, transactionId desc",
                state,
                Optional.empty(),
                after,
                limit);
    }

    /** Oldest first on the same index as {@link #inState}. */
    @Override
    public List<Payment> pendingCreatedBefore(Instant createdBefore, Optional<OutboxCursor> after, int limit) {
        String keyset = after.isPresent() ? " and (createdAt > :at or (createdAt = :at and transactionId > :id))" : "";
        return page(
                "from PaymentEntity where state = :state and createdAt < :before" + keyset
                        + " order by createdAt, transactionId",
                PaymentState.PENDING,
                Optional.of(createdBefore),
                after,
                limit);
    }

    @Override
    public Optional<Payment> reconcile(TransactionId transaction, PaymentState from, AttemptResult result, Instant at) {
        int moved = PaymentEntity.update(
                "updatedAt = :at where transactionId = :id and state = :from",
                Parameters.with("from", from.name())
                        .and("id", transaction.value())
                        .and("at", at));
        if (moved == 0) {
            return Optional.empty();
        }
        return Optional.of(write(transaction, stored -> stored.after(result, at)));
    }

    private static List<Payment> page(
            String query, PaymentState state, Optional<Instant> before, Optional<OutboxCursor> after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        var typed = PaymentEntity.getEntityManager()
                .createQuery(query, PaymentEntity.class)
                .setParameter("state", state.name());
        before.ifPresent(time -> typed.setParameter("before", time));
        after.ifPresent(cursor -> typed.setParameter("at", cursor.createdAt())
                .setParameter("id", cursor.transaction().value()));
        return typed.setMaxResults(limit).getResultList().stream()
                .map(PaymentMapper::toDomain)
                .toList();
    }

    /** A claimable payment's transaction and since when it has been claimable. */
    private record Due(String transactionId, Instant since) {}

    /** The {@code state} payments whose {@code since} column is {@code comparison} now, in due order. */
    private static List<Due> dueSince(PaymentState state, String since, String comparison, Instant now, int limit) {
        return PaymentEntity.getEntityManager()
                .createQuery(
                        "select transactionId, " + since + " from PaymentEntity where state = :state and " + since + " "
                                + comparison + " :now order by " + since + ", transactionId",
                        Object[].class)
                .setParameter("state", state.name())
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(row -> new Due((String) row[0], (Instant) row[1]))
                .toList();
    }

    /**
     * The row the conditional {@code UPDATE} just locked, read again (the bulk {@code UPDATE} bypassed
     * the persistence context, which may hold it from earlier in the transaction), moved by {@code
     * transition} and written back.
     */
    private static Payment write(TransactionId transaction, UnaryOperator<Payment> transition) {
        EntityManager entities = PaymentEntity.getEntityManager();
        PaymentEntity entity = entities.find(PaymentEntity.class, transaction.value());
        entities.refresh(entity);
        Payment next = transition.apply(PaymentMapper.toDomain(entity));
        PaymentMapper.copyChangeable(next, entity);
        entities.flush();
        return next;
    }

    private static Parameters authorization(Payment payment) {
        return Parameters.with("network", payment.network())
                .and("asset", payment.asset().value())
                .and("payer", payment.payer().value())
                .and("nonce", payment.nonce());
    }

    private static ConflictException authorizationUsed(Payment payment) {
        return new ConflictException(
                ErrorCode.AUTHORIZATION_ALREADY_USED,
                "the authorization of " + payment.payer() + " with nonce " + payment.nonce() + " for token "
                        + payment.asset() + " on " + payment.network() + " was already used");
    }

    private static ConflictException taken(Payment payment) {
        return new ConflictException(
                ErrorCode.CONCURRENT_MODIFICATION,
                "transaction '" + payment.transactionId() + "' already has a payment, or payer '" + payment.payerAgent()
                        + "' already used its payment identifier");
    }
}
