package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.WalletAddress;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The x402 payment of one hire, and its way to the chain: the row that makes an authorization
 * usable once (unique per network, token, payer and nonce) and the outbox entry that gets it
 * settled exactly once, carrying the hire's idempotency key to the facilitator.
 *
 * <p>Invariants: {@code leaseUntil} is present exactly while SENDING, {@code facilitatorTransaction}
 * exactly when SETTLED, {@code failureReason} exactly when FAILED, and an OUTCOME_UNKNOWN payment
 * keeps the {@code lastError} of the attempt that was given up.
 *
 * @param payerAgent the agent that hired (and whose token sent the payment)
 * @param hireKey the hire's idempotency key, sent to the facilitator with every attempt
 * @param payer the wallet that signed the authorization ({@code from})
 * @param attempts how many times a replica has claimed it to send it
 * @param lastError why the last undecided attempt did not settle, for operators
 */
public record Payment(
        TransactionId transactionId,
        AgentId payerAgent,
        IdempotencyKey hireKey,
        Optional<String> paymentIdentifier,
        String fingerprint,
        int x402Version,
        WalletAddress payer,
        WalletAddress payTo,
        BigInteger amount,
        String network,
        WalletAddress asset,
        String nonce,
        Instant validBefore,
        String settlementRequest,
        PaymentState state,
        int attempts,
        Instant nextAttemptAt,
        Optional<Instant> leaseUntil,
        Optional<String> facilitatorTransaction,
        Optional<String> failureReason,
        Optional<String> lastError,
        Instant createdAt,
        Instant updatedAt) {
    public static final int MAX_REFERENCE_LENGTH = Ledger.MAX_SETTLEMENT_REFERENCE_LENGTH;
    public static final int MAX_REASON_LENGTH = 256;

    public Payment {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(payerAgent, "payerAgent");
        Objects.requireNonNull(hireKey, "hireKey");
        Objects.requireNonNull(paymentIdentifier, "paymentIdentifier")
                .ifPresent(VerifiedPayment::checkPaymentIdentifier);
        VerifiedPayment.checkFingerprint(fingerprint);
        VerifiedPayment.checkVersion(x402Version);
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(payTo, "payTo");
        VerifiedPayment.checkAmount(amount);
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(asset, "asset");
        VerifiedPayment.checkNonce(nonce);
        Objects.requireNonNull(validBefore, "validBefore");
        Objects.requireNonNull(settlementRequest, "settlementRequest");
        Objects.requireNonNull(state, "state");
        if (attempts < 0) {
            throw new InvalidValueException("attempts", "must not be negative");
        }
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        Objects.requireNonNull(facilitatorTransaction, "facilitatorTransaction");
        Objects.requireNonNull(failureReason, "failureReason");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (leaseUntil.isPresent() != (state == PaymentState.SENDING)
                || facilitatorTransaction.isPresent() != (state == PaymentState.SETTLED)
                || failureReason.isPresent() != (state == PaymentState.FAILED)) {
            throw new IllegalArgumentException("a " + state + " payment has a lease only while SENDING, a transaction"
                    + " only when SETTLED and a failure reason only when FAILED");
        }
        if (state == PaymentState.OUTCOME_UNKNOWN && lastError.isEmpty()) {
            throw new IllegalArgumentException("an OUTCOME_UNKNOWN payment keeps the error of its last attempt");
        }
    }

    /** A payment just taken for {@code transaction}: PENDING, due at once. */
    public static Payment pending(
            TransactionId transaction, AgentId payerAgent, IdempotencyKey hireKey, VerifiedPayment paid, Instant now) {
        return new Payment(
                transaction,
                payerAgent,
                hireKey,
                paid.paymentIdentifier(),
                paid.fingerprint(),
                paid.x402Version(),
                paid.payer(),
                paid.payTo(),
                paid.amount(),
                paid.network(),
                paid.asset(),
                paid.nonce(),
                paid.validBefore(),
                paid.settlementRequest(),
                PaymentState.PENDING,
                0,
                now,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                now,
                now);
    }

    /** Whether {@link PaymentRepository#claim} may take it at {@code now}: due, or its claimer's lease lapsed. */
    public boolean claimableAt(Instant now) {
        return switch (state) {
            case PENDING -> !nextAttemptAt.isAfter(now);
            case SENDING -> leaseUntil.orElseThrow().isBefore(now);
            case SETTLED, FAILED, OUTCOME_UNKNOWN -> false;
        };
    }

    /** This payment claimed at {@code now} for one more attempt, held until {@code lease}. */
    public Payment claimed(Instant now, Instant lease) {
        return with(
                PaymentState.SENDING,
                attempts + 1,
                nextAttemptAt,
                Optional.of(lease),
                Optional.empty(),
                Optional.empty(),
                lastError,
                now);
    }

    /** This payment after its attempt ended with {@code result} at {@code at}. */
    public Payment after(PaymentRepository.AttemptResult result, Instant at) {
        return switch (result) {
            case PaymentRepository.AttemptResult.Settled(String transaction) ->
                with(
                        PaymentState.SETTLED,
                        attempts,
                        nextAttemptAt,
                        Optional.empty(),
                        Optional.of(transaction),
                        Optional.empty(),
                        lastError,
                        at);
            case PaymentRepository.AttemptResult.Failed(String reason) ->
                with(
                        PaymentState.FAILED,
                        attempts,
                        nextAttemptAt,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(reason),
                        lastError,
                        at);
            case PaymentRepository.AttemptResult.Unknown(String problem) ->
                with(
                        PaymentState.OUTCOME_UNKNOWN,
                        attempts,
                        nextAttemptAt,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(problem),
                        at);
            case PaymentRepository.AttemptResult.RetryAt(Instant next, String problem) ->
                with(
                        PaymentState.PENDING,
                        attempts,
                        next,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(problem),
                        at);
        };
    }

    private Payment with(
            PaymentState newState,
            int newAttempts,
            Instant newNextAttemptAt,
            Optional<Instant> newLease,
            Optional<String> newTransaction,
            Optional<String> newFailure,
            Optional<String> newLastError,
            Instant at) {
        return new Payment(
                transactionId,
                payerAgent,
                hireKey,
                paymentIdentifier,
                fingerprint,
                x402Version,
                payer,
                payTo,
                amount,
                network,
                asset,
                nonce,
                validBefore,
                settlementRequest,
                newState,
                newAttempts,
                newNextAttemptAt,
                newLease,
                newTransaction,
                newFailure,
                newLastError,
                createdAt,
                at);
    }

    /** Cuts a free-text reason or error to what storage keeps. */
    public static String clip(String text) {
        String value = text == null || text.isBlank() ? "unknown" : text.strip();
        return value.length() <= MAX_REASON_LENGTH ? value : value.substring(0, MAX_REASON_LENGTH);
    }
}
