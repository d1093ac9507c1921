package dev.agentmarketplace.persistence.payment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigInteger;
import java.time.Instant;

/** Row of {@code x402_payment}; mapped to and from the core's {@code Payment} by {@link PaymentMapper}. */
@Entity
@Table(name = "x402_payment")
public class PaymentEntity extends PanacheEntityBase {
    /** The hire's transaction: one payment per hire. */
    @Id
    @Column(name = "transaction_id", length = 36, nullable = false, updatable = false)
    public String transactionId;

    @Column(name = "payer_agent_id", length = 64, nullable = false, updatable = false)
    public String payerAgentId;

    @Column(name = "hire_key", length = 128, nullable = false, updatable = false)
    public String hireKey;

    @Column(name = "payment_identifier", length = 128, updatable = false)
    public String paymentIdentifier;

    @Column(name = "fingerprint", length = 64, nullable = false, updatable = false)
    public String fingerprint;

    @Column(name = "x402_version", nullable = false, updatable = false)
    public int x402Version;

    @Column(name = "payer_wallet", length = 42, nullable = false, updatable = false)
    public String payerWallet;

    @Column(name = "pay_to", length = 42, nullable = false, updatable = false)
    public String payTo;

    @Column(name = "amount", precision = 78, scale = 0, nullable = false, updatable = false)
    public BigInteger amount;

    @Column(name = "network", length = 64, nullable = false, updatable = false)
    public String network;

    @Column(name = "asset", length = 42, nullable = false, updatable = false)
    public String asset;

    @Column(name = "nonce", length = 66, nullable = false, updatable = false)
    public String nonce;

    @Column(name = "valid_before", nullable = false, updatable = false)
    public Instant validBefore;

    @Column(name = "settlement_request", length = 65_536, nullable = false, updatable = false)
    public String settlementRequest;

    /** The core's {@code PaymentState} by name; a CHECK constraint keeps the column to those names. */
    @Column(name = "state", length = 16, nullable = false)
    public String state;

    @Column(name = "attempts", nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "facilitator_transaction", length = 256)
    public String facilitatorTransaction;

    @Column(name = "failure_reason", length = 256)
    public String failureReason;

    @Column(name = "last_error", length = 256)
    public String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
