package dev.agentmarketplace.api.payment;

import dev.agentmarketplace.core.payment.Payment;
import dev.agentmarketplace.core.payment.PaymentState;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A hire's x402 payment and where its settlement stands. The signed payload itself is not shown. */
@Schema(name = "Payment", description = "The x402 payment of a hire and its settlement")
public record PaymentView(
        @Schema(examples = "0f8fad5b-d9cb-469f-a165-70867728950e")
        String transactionId,

        @Schema(description = "1 (X-PAYMENT) or 2 (PAYMENT-SIGNATURE)", examples = "2")
        int x402Version,

        @Schema(
                description = "PENDING: waiting to be sent (or retried) to the facilitator; SENDING: a replica is"
                        + " settling it; SETTLED: on chain; FAILED: will never settle, the hire was cancelled;"
                        + " OUTCOME_UNKNOWN: every attempt went unanswered and the authorization expired, so it may"
                        + " or may not be on chain: the hire keeps its hold until an operator reconciles it",
                enumeration = {"PENDING", "SENDING", "SETTLED", "FAILED", "OUTCOME_UNKNOWN"})
        String state,

        @Schema(
                description = "The wallet that signed the authorization",
                examples = "0x857b06519E91e3A54538791bDbb0E22373e36b66")
        String payer,

        @Schema(description = "The provider's payout wallet", examples = "0x209693Bc6afc0C5328bA36FaF03C514EF312287C")
        String payTo,

        @Schema(description = "Amount in the token's atomic units, as a decimal string", examples = "1500000")
        String amount,

        @Schema(description = "Token contract", examples = "0x036CbD53842c5426634e7929541eC2318f3dCF7e")
        String asset,

        @Schema(description = "CAIP-2 network", examples = "eip155:84532")
        String network,

        @Schema(description = "EIP-3009 nonce") String nonce,

        @Schema(description = "When the authorization stops being valid")
        Instant validBefore,

        @Schema(description = "The client's payment-identifier id, if it sent one", nullable = true)
        String paymentIdentifier,

        @Schema(description = "The hire's idempotency key, sent to the facilitator with every settlement attempt")
        String idempotencyKey,

        @Schema(description = "Settlement attempts so far", examples = "1")
        int attempts,

        @Schema(description = "When a PENDING payment is next tried", nullable = true)
        Instant nextAttemptAt,

        @Schema(description = "The chain's transaction hash once SETTLED", nullable = true)
        String facilitatorTransaction,

        @Schema(description = "Why it FAILED (an x402 error reason)", nullable = true, examples = "insufficient_funds")
        String failureReason,

        @Schema(description = "Why the last attempt did not settle, if it did not", nullable = true)
        String lastError,

        Instant createdAt,
        Instant updatedAt) {

    public static PaymentView of(Payment payment) {
        // Only a payment the outbox will still send has a next attempt.
        boolean pending = payment.state() == PaymentState.PENDING || payment.state() == PaymentState.SENDING;
        return new PaymentView(
                payment.transactionId().value(),
                payment.x402Version(),
                payment.state().name(),
                payment.payer().value(),
                payment.payTo().value(),
                payment.amount().toString(),
                payment.asset().value(),
                payment.network(),
                payment.nonce(),
                payment.validBefore(),
                payment.paymentIdentifier().orElse(null),
                payment.hireKey().value(),
                payment.attempts(),
                pending ? payment.nextAttemptAt() : null,
                payment.facilitatorTransaction().orElse(null),
                payment.failureReason().orElse(null),
                payment.lastError().orElse(null),
                payment.createdAt(),
                payment.updatedAt());
    }
}
