package dev.agentmarketplace.core.registry;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.money.Money;
import java.util.Set;

/**
 * A request to register an agent; the registry stamps the times. Missing fields are refused here;
 * the rules on values (lengths, ranges, at least one capability) are the {@link Agent}'s.
 */
public record AgentRegistration(
        AgentId id,
        String displayName,
        String owner,
        Set<Capability> capabilities,
        Money price,
        WalletAddress payoutWallet,
        Availability availability,
        int capacityPerHour,
        Metadata metadata) {
    public AgentRegistration {
        required("agentId", id);
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
        required("price", price);
        required("payoutWallet", payoutWallet);
        required("availability", availability);
        metadata = metadata == null ? Metadata.EMPTY : metadata;
    }

    private static void required(String field, Object value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
    }
}
