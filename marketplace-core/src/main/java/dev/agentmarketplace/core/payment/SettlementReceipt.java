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
 * ReceiptTypedData} documents the EIP-712 type); it is derived only from what never changes after
 * settlement, so the same settlement always yields the same receipt.
 *
 * @param payment the x402 payment it was paid with; empty for a hire settled by its payer or an operator
 * @param settlementReference the chain's transaction hash of an x402 payment, or the reference a manual
 *     settlement gave
 * @param settledAt when the ledger settled it, in whole seconds (EVM time)
 * @param journalHash the hash of the journal entry that posted the settlement: 64 lower-case hex digits
 */
public record SettlementReceipt(
        TransactionId transactionId,
        AgentId payer,
        AgentId provider,
        Capability capability,
        Money amount,
        Optional<OnChainPayment> payment,
        Optional<String> settlementReference,
        Instant settledAt,
        String journalHash) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public SettlementReceipt {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(capability, "capability");
        if (Objects.requireNonNull(amount, "amount").isNegative()) {
            throw new InvalidValueException("amount", "a settlement moves a positive amount or none, not " + amount);
        }
        Objects.requireNonNull(payment, "payment");
        // An empty reference would sign the same bytes as no reference at all.
        if (Objects.requireNonNull(settlementReference, "settlementReference")
                .filter(String::isBlank)
                .isPresent()) {
            throw new InvalidValueException("settlementReference", "must not be blank when present");
        }
        settledAt = Objects.requireNonNull(settledAt, "settledAt").truncatedTo(ChronoUnit.SECONDS);
        if (journalHash == null || !HASH.matcher(journalHash).matches()) {
            throw new InvalidValueException("journalHash", "must be 64 lower-case hex digits");
        }
    }
}
