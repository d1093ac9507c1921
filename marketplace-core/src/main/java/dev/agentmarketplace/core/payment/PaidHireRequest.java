package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ShownText;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import java.util.Objects;
import java.util.Optional;

/**
 * A payer's request to hire {@code provider} for one task of {@code capability} at the provider's
 * listed price, paid through x402.
 *
 * @param key the client's Idempotency-Key, if it sent one
 * @param resource the URL the payment is for, as the 402 names it
 */
public record PaidHireRequest(
        AgentId payer,
        AgentId provider,
        Capability capability,
        String context,
        Optional<IdempotencyKey> key,
        String resource) {
    public static final int MAX_RESOURCE_LENGTH = 2048;

    public PaidHireRequest {
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(capability, "capability");
        context = context == null ? "" : ShownText.multiline("context", context);
        if (context.length() > Transaction.MAX_CONTEXT_LENGTH) {
            throw new InvalidValueException(
                    "context", "must be at most " + Transaction.MAX_CONTEXT_LENGTH + " characters");
        }
        Objects.requireNonNull(key, "key");
        if (resource == null || resource.isBlank() || resource.length() > MAX_RESOURCE_LENGTH) {
            throw new InvalidValueException("resource", "must be 1-" + MAX_RESOURCE_LENGTH + " characters");
        }
    }
}
