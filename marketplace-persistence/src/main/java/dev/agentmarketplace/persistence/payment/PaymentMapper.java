package dev.agentmarketplace.persistence.payment;

import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.payment.Payment;
import dev.agentmarketplace.core.payment.PaymentState;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.WalletAddress;
import java.util.Optional;

/** Explicit mapping between the core's {@link Payment} and its row, so no entity leaves this module. */
final class PaymentMapper {
    private PaymentMapper() {}

    static PaymentEntity toNewEntity(Payment payment) {
        PaymentEntity entity = new PaymentEntity();
        entity.transactionId = payment.transactionId().value();
        entity.payerAgentId = payment.payerAgent().value();
        entity.hireKey = payment.hireKey().value();
        entity.paymentIdentifier = payment.paymentIdentifier().orElse(null);
        entity.fingerprint = payment.fingerprint();
        entity.x402Version = payment.x402Version();
        entity.payerWallet = payment.payer().value();
        entity.payTo = payment.payTo().value();
        entity.amount = payment.amount();
        entity.network = payment.network();
        entity.asset = payment.asset().value();
        entity.nonce = payment.nonce();
        entity.validBefore = payment.validBefore();
        entity.settlementRequest = payment.settlementRequest();
        entity.createdAt = payment.createdAt();
        copyChangeable(payment, entity);
        return entity;
    }

    /** What an attempt changes: the state, its attempt count and times, and its outcome. */
    static void copyChangeable(Payment payment, PaymentEntity entity) {
        entity.state = payment.state().name();
        entity.attempts = payment.attempts();
        entity.nextAttemptAt = payment.nextAttemptAt();
        entity.leaseUntil = payment.leaseUntil().orElse(null);
        entity.facilitatorTransaction = payment.facilitatorTransaction().orElse(null);
        entity.failureReason = payment.failureReason().orElse(null);
        entity.lastError = payment.lastError().orElse(null);
        entity.updatedAt = payment.updatedAt();
    }

    static Payment toDomain(PaymentEntity entity) {
        return new Payment(
                TransactionId.of(entity.transactionId),
                AgentId.of(entity.payerAgentId),
                IdempotencyKey.of(entity.hireKey),
                Optional.ofNullable(entity.paymentIdentifier),
                entity.fingerprint,
                entity.x402Version,
                WalletAddress.of(entity.payerWallet, "payer"),
                WalletAddress.of(entity.payTo, "payTo"),
                entity.amount,
                entity.network,
                WalletAddress.of(entity.asset, "asset"),
                entity.nonce,
                entity.validBefore,
                entity.settlementRequest,
                PaymentState.valueOf(entity.state),
                entity.attempts,
                entity.nextAttemptAt,
                Optional.ofNullable(entity.leaseUntil),
                Optional.ofNullable(entity.facilitatorTransaction),
                Optional.ofNullable(entity.failureReason),
                Optional.ofNullable(entity.lastError),
                entity.createdAt,
                entity.updatedAt);
    }
}
