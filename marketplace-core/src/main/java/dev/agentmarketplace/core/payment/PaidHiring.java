package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.RuleViolationException;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.HireResult;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.payment.PaymentRepository.AttemptResult;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Hires paid through x402: quote, verify, record, settle.
 *
 * <p>A hire and its payment are recorded in one unit of work, so a payment is never taken without
 * its hire, and the payment row refuses a second use of the same authorization (across every
 * replica, between verification and settlement as well as after). Settlement goes through the
 * payment row as an outbox: one replica at a time claims it, the facilitator's answer settles the
 * transaction (or voids its hold), and an undecided attempt is retried later with the same
 * idempotency key, so a settlement is never lost and never sent for two hires.
 *
 * <p>Retries: the hire's idempotency key is the client's Idempotency-Key, else the
 * payment-identifier extension's id, else one derived from the payment itself. A retry presenting
 * the same payment under any of them gets the earlier hire back; another payment under a used key
 * is {@code IDEMPOTENCY_MISMATCH}.
 */
public final class PaidHiring {
    /** Prefix of the key of a hire whose client sent neither an Idempotency-Key nor a payment identifier. */
    static final String DERIVED_KEY_PREFIX = "x402-payment-";

    /** How often a hire is recorded again after a concurrent write, before its conflict is answered. */
    static final int RECORD_ATTEMPTS = 5;

    private final Ledger ledger;
    private final AgentRepository agents;
    private final TransactionRepository transactions;
    private final PaymentRepository payments;
    private final PaymentVerifier verifier;
    private final Facilitator facilitator;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final PaymentSettings settings;

    public PaidHiring(
            Ledger ledger,
            AgentRepository agents,
            TransactionRepository transactions,
            PaymentRepository payments,
            PaymentVerifier verifier,
            Facilitator facilitator,
            UnitOfWork unitOfWork,
            Clock clock,
            PaymentSettings settings) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.facilitator = Objects.requireNonNull(facilitator, "facilitator");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * What the hire would cost: the provider's listed price in the platform's token, paid to its
     * payout wallet. Every rule of a hire is checked first, so no one is asked to pay for a hire
     * that would be refused.
     *
     * @throws RuleViolationException with {@code PAYMENT_NOT_ACCEPTED} when the provider is priced in
     *     another currency than the token's or at zero, or any refusal of {@link Ledger#hire}
     */
    public PaymentOffer offer(PaidHireRequest request) {
        Agent provider = agents.findById(request.provider())
                .orElseThrow(() -> new NotFoundException(
                        ErrorCode.AGENT_NOT_FOUND, "provider '" + request.provider() + "' is not a registered agent"));
        if (!provider.price().currency().equals(settings.currency())) {
            throw new RuleViolationException(
                    ErrorCode.PAYMENT_NOT_ACCEPTED,
                    "provider '" + provider.id() + "' is priced in "
                            + provider.price().currency() + "; hires paid through x402 are paid in "
                            + settings.currency());
        }
        if (!provider.price().isPositive()) {
            throw new RuleViolationException(
                    ErrorCode.PAYMENT_NOT_ACCEPTED,
                    "provider '" + provider.id() + "' works for free; hire it without a payment");
        }
        ledger.checkHirable(request.payer(), provider.id(), request.capability(), provider.price());
        return new PaymentOffer(
                provider.id(),
                request.capability(),
                provider.price(),
                provider.payoutWallet(),
                settings,
                request.resource(),
                "Hire " + provider.displayName() + " (" + provider.id() + ") for one '" + request.capability()
                        + "' task");
    }

    /**
     * Hires and pays in one step. Without a payment this is the 402: {@link PaymentRequiredException}
     * with the offer. With one, it is verified (by the platform, then by the facilitator when one is
     * configured), the hire and its payment are recorded, and, with a facilitator, settled before
     * this returns; without one the payment stays PENDING until a facilitator settles it.
     *
     * @throws PaymentRequiredException no payment, a payment that fails a check, an authorization
     *     already used, or a settlement the facilitator refused (the hire is then cancelled)
     * @throws ConflictException with {@code IDEMPOTENCY_MISMATCH} when the retry key was used with
     *     another payment or request
     * @throws FacilitatorUnavailableException when the facilitator cannot be asked to verify; nothing
     *     is recorded
     */
    public PaidHire hire(PaidHireRequest request, Optional<PresentedPayment> presented) {
        if (presented.isEmpty()) {
            throw PaymentRequiredException.unpaid(offer(request));
        }
        PresentedPayment payment = presented.get();
        String fingerprint = payment.fingerprint();
        Optional<String> identifier = verifier.paymentIdentifier(payment);
        IdempotencyKey key = request.key()
                .or(() -> identifier.map(IdempotencyKey::of))
                .orElseGet(() -> IdempotencyKey.of(DERIVED_KEY_PREFIX + fingerprint));
        Optional<PaidHire> earlier = earlierHire(request, key, identifier, fingerprint);
        if (earlier.isPresent()) {
            return answer(earlier.get(), request);
        }
        PaymentOffer offer = offer(request);
        VerifiedPayment verified;
        try {
            verified = verifier.verify(payment, offer, clock.instant());
        } catch (PaymentRequiredException rejected) {
            throw rejected.offering(offer);
        }
        if (facilitator.verify(verified) instanceof FacilitatorVerdict.Invalid(String reason)) {
            throw PaymentRequiredException.rejected(reason, "the facilitator refused the payment: " + reason)
                    .offering(offer);
        }
        PaidHire hired = record(request, offer, verified, key);
        if (!hired.created()) {
            return answer(hired, request);
        }
        PaidHire settled = settle(hired.transaction().id());
        PaidHire result = new PaidHire(settled.transaction(), settled.payment(), true);
        if (result.payment().state() == PaymentState.FAILED) {
            throw PaymentRequiredException.settlementRefused(offer, result.payment());
        }
        return result;
    }

    /**
     * One settlement attempt now, if a facilitator is configured and the payment is due and not
     * claimed by another replica; then the hire as it stands.
     *
     * @throws NotFoundException with {@code PAYMENT_NOT_FOUND} when the transaction was not paid through x402
     */
    public PaidHire settle(TransactionId id) {
        if (facilitator.configured()) {
            attempt(id);
        }
        return get(id);
    }

    /**
     * The transaction with its x402 payment.
     *
     * @throws NotFoundException with {@code PAYMENT_NOT_FOUND} when it was not paid through x402 (or
     *     does not exist)
     */
    public PaidHire get(TransactionId id) {
        return find(id).orElseThrow(() -> new NotFoundException(
                ErrorCode.PAYMENT_NOT_FOUND, "transaction '" + id + "' was not paid through x402"));
    }

    /** Transactions whose payment is due for a settlement attempt; none without a facilitator. */
    public List<TransactionId> dueSettlements(int limit) {
        if (!facilitator.configured()) {
            return List.of();
        }
        Instant now = now();
        return unitOfWork.execute(() -> payments.due(now, limit));
    }

    /** The transaction with its x402 payment; empty when it was not paid through x402 (or does not exist). */
    public Optional<PaidHire> find(TransactionId id) {
        return unitOfWork.execute(() -> payments.findByTransaction(id)
                .flatMap(payment -> transactions.findById(id).map(tx -> new PaidHire(tx, payment, false))));
    }

    private Optional<PaidHire> earlierHire(
            PaidHireRequest request, IdempotencyKey key, Optional<String> identifier, String fingerprint) {
        return unitOfWork.execute(() -> {
            Optional<Payment> byIdentifier =
                    identifier.flatMap(id -> payments.findByPaymentIdentifier(request.payer(), id));
            Optional<Transaction> byKey = transactions.findByIdempotencyKey(request.payer(), key);
            if (byIdentifier.isPresent()
                    && byKey.isPresent()
                    && !byKey.get().id().equals(byIdentifier.get().transactionId())) {
                throw mismatch("payment identifier '" + identifier.get() + "' and idempotency key '" + key
                        + "' name different hires");
            }
            Optional<TransactionId> earlier =
                    byIdentifier.map(Payment::transactionId).or(() -> byKey.map(Transaction::id));
            return earlier.map(id -> sameHire(request, key, id, fingerprint));
        });
    }

    /** The earlier hire {@code id}, if the retry presents the very payment it was paid with. */
    private PaidHire sameHire(PaidHireRequest request, IdempotencyKey key, TransactionId id, String fingerprint) {
        Transaction tx = transactions.findById(id).orElseThrow();
        Payment payment = payments.findByTransaction(id)
                .filter(earlier -> earlier.fingerprint().equals(fingerprint))
                .orElseThrow(() -> mismatch("idempotency key '" + key + "' of payer '" + request.payer()
                        + "' was used for transaction '" + id + "' with another payment"));
        boolean sameRequest = tx.provider().equals(request.provider())
                && tx.capability().equals(request.capability())
                && tx.context().equals(request.context());
        if (!sameRequest) {
            throw mismatch("idempotency key '" + key + "' of payer '" + request.payer() + "' was used for transaction '"
                    + id + "' with a different request");
        }
        return new PaidHire(tx, payment, false);
    }

    /** A retry gets what the first request got: the hire, or the 402 of its refused settlement. */
    private PaidHire answer(PaidHire earlier, PaidHireRequest request) {
        if (earlier.payment().state() == PaymentState.FAILED) {
            throw PaymentRequiredException.settlementRefused(quoteOrNull(request), earlier.payment());
        }
        return earlier;
    }

    /** The offer for a 402 that repeats a refusal; absent when the hire could no longer be quoted. */
    private PaymentOffer quoteOrNull(PaidHireRequest request) {
        try {
            return offer(request);
        } catch (RuntimeException noLongerHirable) {
            return null;
        }
    }

    /**
     * Records the hire and its payment; a concurrent request that recorded the same hire first (the
     * same key, the same payment) wins, and its hire is the answer: {@code created} is then false,
     * and the caller answers 200 with it, as for any retry.
     */
    private PaidHire record(PaidHireRequest request, PaymentOffer offer, VerifiedPayment verified, IdempotencyKey key) {
        for (int attempt = 1; ; attempt++) {
            try {
                return unitOfWork.execute(() -> {
                    HireResult result = ledger.hire(new HireRequest(
                            request.payer(),
                            offer.provider(),
                            offer.capability(),
                            offer.price(),
                            request.context(),
                            key));
                    if (!result.created()) {
                        // A concurrent retry with the same key recorded it first.
                        return sameHire(request, key, result.transaction().id(), verified.fingerprint());
                    }
                    Payment taken = Payment.pending(result.transaction().id(), request.payer(), key, verified, now());
                    payments.add(taken);
                    return new PaidHire(result.transaction(), taken, true);
                });
            } catch (ConflictException refused) {
                // A unique key refused the insert: the transaction's key, the payment identifier or the
                // authorization's nonce was taken by a request that committed first. If that was the
                // same payment under the same key, its hire is this request's answer too.
                Optional<PaidHire> winner =
                        earlierHire(request, key, verified.paymentIdentifier(), verified.fingerprint());
                if (winner.isPresent()) {
                    return winner.get();
                }
                if (refused.code() == ErrorCode.AUTHORIZATION_ALREADY_USED) {
                    throw PaymentRequiredException.rejected(
                                    PaymentRequiredException.INVALID_TRANSACTION_STATE, refused.getMessage())
                            .offering(offer);
                }
                // Another write raced this one (the journal head, say) and nothing of the same hire
                // is visible yet: record again, a bounded number of times.
                if (refused.code() != ErrorCode.CONCURRENT_MODIFICATION || attempt >= RECORD_ATTEMPTS) {
                    throw refused;
                }
            }
        }
    }

    private void attempt(TransactionId id) {
        Instant now = now();
        Instant lease = now.plus(settings.settlementLease());
        Optional<Payment> claimed = unitOfWork.execute(() -> payments.claim(id, now, lease));
        if (claimed.isEmpty()) {
            return;
        }
        Payment payment = claimed.get();
        boolean neverSent = payment.attempts() == 1;
        if (neverSent && !now.isBefore(payment.validBefore())) {
            fail(id, lease, PaymentRequiredException.VALID_BEFORE, "the authorization expired before it was sent");
            return;
        }
        switch (facilitator.settle(payment)) {
            case SettlementOutcome.Settled(String transaction) ->
                unitOfWork.run(() -> {
                    // Lock order (core README): the hire's agents before the payment's row.
                    ledger.lockParties(id);
                    if (payments.record(id, lease, new AttemptResult.Settled(transaction), now())
                            .isPresent()) {
                        ledger.settleByPayment(id, transaction);
                    }
                });
            case SettlementOutcome.Refused(String reason) -> fail(id, lease, reason, "the facilitator refused it");
            case SettlementOutcome.Undecided(String problem) -> {
                Instant at = now();
                if (payment.attempts() >= settings.maxAttempts() && !at.isBefore(payment.validBefore())) {
                    // Given up, but never refused: the facilitator may have broadcast it, so the hold
                    // stays until an operator reads the chain (SettlementOutbox).
                    String why = Payment.clip("no answer after " + payment.attempts() + " attempts: " + problem);
                    unitOfWork.run(() -> payments.record(id, lease, new AttemptResult.Unknown(why), at));
                } else {
                    Instant next = at.plus(settings.backoffAfter(payment.attempts()));
                    unitOfWork.run(() ->
                            payments.record(id, lease, new AttemptResult.RetryAt(next, Payment.clip(problem)), at));
                }
            }
        }
    }

    private void fail(TransactionId id, Instant lease, String reason, String why) {
        unitOfWork.run(() -> {
            // Lock order (core README): the hire's agents before the payment's row.
            ledger.lockParties(id);
            if (payments.record(id, lease, new AttemptResult.Failed(Payment.clip(reason)), now())
                    .isPresent()) {
                ledger.voidByPayment(id, Payment.clip("payment not settled (" + reason + "): " + why));
            }
        });
    }

    private static ConflictException mismatch(String message) {
        return new ConflictException(ErrorCode.IDEMPOTENCY_MISMATCH, message);
    }

    private Instant now() {
        // Microseconds, what the databases keep: a lease read back must equal the one written.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
