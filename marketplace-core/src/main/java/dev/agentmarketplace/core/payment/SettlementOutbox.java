package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.KeysetPages;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.payment.PaymentRepository.AttemptResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The settlement outbox as operators see and steer it: its payments by state, the paid hires that
 * wait with no facilitator to settle them, and the reconciliation of a payment whose outcome only the
 * chain knows.
 *
 * <p>A payment may be reconciled when nobody will send it again: its outcome is unknown
 * ({@link PaymentState#OUTCOME_UNKNOWN}: every attempt undecided and the authorization expired), or it
 * is a stale paid hire (PENDING for longer than {@code staleAfter} while no facilitator is configured,
 * so no replica will ever claim it). The operator either records the chain transaction that settled it
 * (the payment becomes SETTLED and the hire settles through the ledger) or cancels it (FAILED, and the
 * hire's hold is voided), each in one unit of work.
 *
 * <p>Concurrency: the unit of work first locks the hire's parties ({@link Ledger#lockParties}, step 1
 * of the core's lock order, so two operators on one payment run one after the other and the second
 * reads the first one's decision), then moves the payment by a compare-and-set on its state (step 3,
 * which also beats a replica that claims it at the same moment), then posts through the ledger (the
 * journal head last). Repeating a decision already taken returns the payment as it is.
 */
public final class SettlementOutbox {
    public static final int MAX_PAGE_SIZE = 200;
    /** The failure reason of a payment an operator cancelled, as the x402 {@code errorReason} of its hire. */
    public static final String CANCELLED_REASON = "cancelled_by_operator";

    private final PaymentRepository payments;
    private final Ledger ledger;
    private final Facilitator facilitator;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final Duration staleAfter;

    public SettlementOutbox(
            PaymentRepository payments,
            Ledger ledger,
            Facilitator facilitator,
            UnitOfWork unitOfWork,
            Clock clock,
            Duration staleAfter) {
        this.payments = Objects.requireNonNull(payments, "payments");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.facilitator = Objects.requireNonNull(facilitator, "facilitator");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (staleAfter == null || staleAfter.isNegative() || staleAfter.isZero()) {
            throw new InvalidValueException("staleAfter", "must be a positive duration, was " + staleAfter);
        }
        this.staleAfter = staleAfter;
    }

    /** Whether a facilitator settles payments; without one, PENDING payments only age. */
    public boolean facilitatorConfigured() {
        return facilitator.configured();
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    /** A page of the payments in {@code state}, newest first; pass the returned cursor as {@code after}. */
    public Page inState(Caller operator, PaymentState state, Optional<OutboxCursor> after, int limit) {
        operator.require(Role.OPERATOR);
        Objects.requireNonNull(state, "state");
        return unitOfWork.execute(() -> KeysetPages.read(
                limit, MAX_PAGE_SIZE, rows -> payments.inState(state, after, rows), OutboxCursor::of, Page::new));
    }

    /**
     * A page of stale paid hires, oldest first: PENDING longer than {@code staleAfter} with no
     * facilitator configured. With a facilitator there are none; its outbox sends them.
     */
    public Page stale(Caller operator, Optional<OutboxCursor> after, int limit) {
        operator.require(Role.OPERATOR);
        if (facilitator.configured()) {
            return KeysetPages.read(limit, MAX_PAGE_SIZE, rows -> List.of(), OutboxCursor::of, Page::new);
        }
        Instant before = now().minus(staleAfter);
        return unitOfWork.execute(() -> KeysetPages.read(
                limit,
                MAX_PAGE_SIZE,
                rows -> payments.pendingCreatedBefore(before, after, rows),
                OutboxCursor::of,
                Page::new));
    }

    /** Whether {@code payment} may be reconciled at this moment (see the class comment). */
    public boolean reconcilable(Payment payment) {
        return reconcilable(payment, now());
    }

    /**
     * Records that {@code chainTransaction} settled the payment of {@code id} on chain: the payment
     * becomes SETTLED and the hire settles through the ledger, with the hash as its reference.
     *
     * @throws InvalidValueException on field {@code chainTransaction} unless it is 0x and 64 hex digits
     * @throws NotFoundException with {@code TRANSACTION_NOT_FOUND} or {@code PAYMENT_NOT_FOUND}
     * @throws ConflictException with {@code PAYMENT_IN_PROGRESS} while the outbox may still send it,
     *     {@code ILLEGAL_TRANSITION} once it was decided otherwise
     */
    public Payment recordSettlement(Caller operator, TransactionId id, String chainTransaction) {
        operator.require(Role.OPERATOR);
        String hash = ChainTransaction.of(chainTransaction).value();
        return decide(
                id,
                new AttemptResult.Settled(hash),
                payment -> payment.facilitatorTransaction().equals(Optional.of(hash)),
                () -> ledger.settleByPayment(id, hash));
    }

    /**
     * Cancels the payment of {@code id}: it becomes FAILED ({@link #CANCELLED_REASON}) and the hire's
     * hold is voided, in one unit of work.
     *
     * @throws NotFoundException with {@code TRANSACTION_NOT_FOUND} or {@code PAYMENT_NOT_FOUND}
     * @throws ConflictException with {@code PAYMENT_IN_PROGRESS} while the outbox may still send it,
     *     {@code ILLEGAL_TRANSITION} once it was decided otherwise
     */
    public Payment cancel(Caller operator, TransactionId id) {
        operator.require(Role.OPERATOR);
        String note = Payment.clip("payment cancelled by operator " + operator.subject() + " in reconciliation");
        return decide(
                id,
                new AttemptResult.Failed(CANCELLED_REASON),
                payment -> payment.failureReason().equals(Optional.of(CANCELLED_REASON)),
                () -> ledger.voidByPayment(id, note));
    }

    /**
     * Takes {@code decision} on the payment of {@code id} and makes the matching ledger move, in one
     * unit of work; a payment that already carries this very decision ({@code taken}) is returned as
     * it is.
     */
    private Payment decide(TransactionId id, AttemptResult decision, Predicate<Payment> taken, Runnable ledgerMove) {
        return unitOfWork.execute(() -> {
            // Lock order (core README): the hire's agents first, then the payment, the journal last.
            ledger.lockParties(id);
            Payment payment = payments.findByTransaction(id).orElseThrow(() -> notPaid(id));
            if (payment.state().isFinal()) {
                if (taken.test(payment)) {
                    return payment;
                }
                throw new ConflictException(
                        ErrorCode.ILLEGAL_TRANSITION,
                        "the payment of transaction '" + id + "' is already " + payment.state()
                                + payment.facilitatorTransaction()
                                        .map(tx -> " (" + tx + ")")
                                        .orElse("")
                                + payment.failureReason()
                                        .map(reason -> " (" + reason + ")")
                                        .orElse("")
                                + "; it cannot be reconciled otherwise");
            }
            Instant now = now();
            if (!reconcilable(payment, now)) {
                throw new ConflictException(
                        ErrorCode.PAYMENT_IN_PROGRESS,
                        "the payment of transaction '" + id + "' is " + payment.state()
                                + " and the settlement outbox may still send it; only a payment whose outcome is"
                                + " unknown, or one PENDING longer than " + staleAfter
                                + " without a facilitator, is reconciled by hand");
            }
            Payment decided = payments.reconcile(id, payment.state(), decision, now)
                    .orElseThrow(() -> new ConflictException(
                            ErrorCode.CONCURRENT_MODIFICATION,
                            "the payment of transaction '" + id + "' changed meanwhile; read it again"));
            ledgerMove.run();
            return decided;
        });
    }

    private boolean reconcilable(Payment payment, Instant now) {
        return switch (payment.state()) {
            case OUTCOME_UNKNOWN -> true;
            case PENDING -> isStale(payment, now);
            case SENDING, SETTLED, FAILED -> false;
        };
    }

    private static NotFoundException notPaid(TransactionId id) {
        return new NotFoundException(ErrorCode.PAYMENT_NOT_FOUND, "transaction '" + id + "' was not paid through x402");
    }

    private boolean isStale(Payment payment, Instant now) {
        return !facilitator.configured() && payment.createdAt().isBefore(now.minus(staleAfter));
    }

    private Instant now() {
        // Microseconds, what the databases keep.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** One page of payments; {@code nextCursor} is present when more follow. */
    public record Page(List<Payment> payments, Optional<OutboxCursor> nextCursor) {
        public Page {
            payments = List.copyOf(payments);
        }
    }
}
