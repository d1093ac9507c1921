package dev.agentmarketplace.x402.facilitator;

import dev.agentmarketplace.core.payment.Facilitator;
import dev.agentmarketplace.core.payment.FacilitatorUnavailableException;
import dev.agentmarketplace.core.payment.FacilitatorVerdict;
import dev.agentmarketplace.core.payment.Payment;
import dev.agentmarketplace.core.payment.PaymentRequiredException;
import dev.agentmarketplace.core.payment.SettlementOutcome;
import dev.agentmarketplace.core.payment.VerifiedPayment;
import dev.agentmarketplace.x402.protocol.SettlementResponse;
import dev.agentmarketplace.x402.protocol.VerifyResponse;
import java.util.Objects;
import java.util.Optional;

/**
 * The core's {@link Facilitator} port over an x402 facilitator's HTTP API. The request body is the
 * payment's {@code settlementRequest}, built once by the verifier, so every {@code /verify} and
 * {@code /settle} of one payment sends the same bytes; {@code /settle} carries the hire's
 * idempotency key. The facilitator's reasons are passed on as sent.
 *
 * <p>Each call is <em>one</em> attempt, whatever retries the client is configured with: the port is
 * called in the paid hire's request thread, where retries would hold the request for the sum of
 * their timeouts and backoffs. An undecided verification is answered 503 for the client to retry;
 * an undecided settlement is left to the core's outbox, which retries it later under the same key.
 */
public final class X402Facilitator implements Facilitator {

    /** The specification's reason for a verification that failed without saying why (x402 v2 §9). */
    static final String UNEXPECTED_VERIFY_ERROR = "unexpected_verify_error";

    private final HttpFacilitatorClient client;

    public X402Facilitator(HttpFacilitatorClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public boolean configured() {
        return true;
    }

    /** @throws FacilitatorUnavailableException when the facilitator gave no decision */
    @Override
    public FacilitatorVerdict verify(VerifiedPayment payment) {
        return switch (client.verifyOnce(payment.settlementRequest())) {
            case FacilitatorAnswer.Decided<VerifyResponse>(int status, VerifyResponse answer) ->
                answer.isValid()
                        ? new FacilitatorVerdict.Valid()
                        : new FacilitatorVerdict.Invalid(answer.invalidReason().orElse(UNEXPECTED_VERIFY_ERROR));
            case FacilitatorAnswer.Undecided<VerifyResponse>(String problem) ->
                throw new FacilitatorUnavailableException("the facilitator could not verify the payment: " + problem);
        };
    }

    /**
     * Settled with the chain's transaction, refused with the facilitator's reason, or undecided
     * (unreachable, timed out, or an answer that does not read, a success naming no usable
     * transaction among them): the core retries that later under the same key.
     */
    @Override
    public SettlementOutcome settle(Payment payment) {
        return switch (client.settleOnce(
                payment.settlementRequest(), Optional.of(payment.hireKey().value()))) {
            case FacilitatorAnswer.Decided<SettlementResponse>(int status, SettlementResponse answer) ->
                outcome(answer);
            case FacilitatorAnswer.Undecided<SettlementResponse>(String problem) ->
                new SettlementOutcome.Undecided(problem);
        };
    }

    private static SettlementOutcome outcome(SettlementResponse answer) {
        if (!answer.success()) {
            return new SettlementOutcome.Refused(
                    answer.errorReason().orElse(PaymentRequiredException.UNEXPECTED_SETTLE_ERROR));
        }
        String transaction = answer.transaction();
        if (transaction.isBlank() || transaction.length() > Payment.MAX_REFERENCE_LENGTH) {
            return new SettlementOutcome.Undecided("the facilitator reported success without a usable transaction"
                    + " reference (1-" + Payment.MAX_REFERENCE_LENGTH + " characters)");
        }
        return new SettlementOutcome.Settled(transaction);
    }
}
