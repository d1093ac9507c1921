package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ShownText;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import java.util.Objects;

/** A payer's request to hire {@code provider} for one task of {@code capability} at {@code amount}. */
public record HireRequest(
        AgentId payer,
        AgentId provider,
        Capability capability,
        Money amount,
        String context,
        IdempotencyKey idempotencyKey) {
    public HireRequest {
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(amount, "amount");
        if (!amount.isPositive()) {
            throw new InvalidValueException("amount", "must be more than zero, was " + amount);
        }
        context = context == null ? "" : ShownText.multiline("context", context);
        if (context.length() > Transaction.MAX_CONTEXT_LENGTH) {
            throw new InvalidValueException(
                    "context", "must be at most " + Transaction.MAX_CONTEXT_LENGTH + " characters");
        }
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }

    /** Whether {@code transaction} is what this request asks for, so a retry may return it. */
    public boolean sameRequestAs(Transaction transaction) {
        return transaction.payer().equals(payer)
                && transaction.provider().equals(provider)
                && transaction.capability().equals(capability)
                && transaction.amount().equals(amount)
                && transaction.context().equals(context);
    }
}
