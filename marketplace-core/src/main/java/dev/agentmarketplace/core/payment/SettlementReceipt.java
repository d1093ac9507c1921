package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the platform attests about one settlement. Every field is signed (x402-settlement's {@code
 * ReceiptTypedData} documents the EIP-712 type). It is derived from the settlement and from a
 * dispute's outcome, so it changes once only, when a dispute refunds the payer; the same state
 * always yields the same receipt.
 *
 * @param paid what the payer paid, the hire's price
 * @param refunded what a dispute gave back to the payer: zero, part of {@code paid} or all of it
 * @param method through x402 (with its payment and chain transaction) or off chain (with the
 *     settler's reference, if any)
 * @param settledAt when the ledger settled it, in whole seconds (EVM time)
 * @param journalHash the hash of the journal entry that posted the settlement: 64 lower-case hex digits
 */
public record SettlementReceipt(
        TransactionId transactionId,
        AgentId payer,
        AgentId provider,
        Capability capability,
        Money paid,
        Money refunded,
        SettlementMethod method,
        Instant settledAt,
        String journalHash) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public SettlementReceipt {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(capability, "capability");
        if (Objects.requireNonNull(paid, "paid").isNegative()) {
            throw new InvalidValueException("paid", "a settlement moves a positive amount or none, not " + paid);
        }
        if (!Objects.requireNonNull(refunded, "refunded").currency().equals(paid.currency())) {
            throw new InvalidValueException(
                    "refunded", "is in " + refunded.currency() + ", the payment in " + paid.currency());
        }
        if (refunded.isNegative() || refunded.isGreaterThan(paid)) {
            throw new InvalidValueException(
                    "refunded", "must be between zero and the " + paid + " paid, not " + refunded);
        }
        Objects.requireNonNull(method, "method");
        settledAt = Objects.requireNonNull(settledAt, "settledAt").truncatedTo(ChronoUnit.SECONDS);
        if (journalHash == null || !HASH.matcher(journalHash).matches()) {
            throw new InvalidValueException("journalHash", "must be 64 lower-case hex digits");
        }
    }

    /** What the provider's side kept: {@code paid - refunded}. */
    public Money net() {
        return paid.minus(refunded);
    }

    /** The x402 payment it was paid with; empty for a settlement off chain. */
    public Optional<OnChainPayment> payment() {
        return method instanceof SettlementMethod.X402 x402 ? Optional.of(x402.payment()) : Optional.empty();
    }
}
