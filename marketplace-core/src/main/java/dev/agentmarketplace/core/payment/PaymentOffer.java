package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.WalletAddress;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The price of one hire in x402 terms: the provider's listed price in the platform's token, paid to
 * the provider's payout wallet. Adapters render it as the 402's payment requirements and verify
 * payments against it; it is recomputed from the registry for every request, so a payment always
 * answers the provider's current price and wallet.
 *
 * @param resource the URL being paid for (the hire endpoint of this provider)
 */
public record PaymentOffer(
        AgentId provider,
        Capability capability,
        Money price,
        WalletAddress payTo,
        PaymentSettings settings,
        String resource,
        String description) {
    public PaymentOffer {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(payTo, "payTo");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(description, "description");
        if (!price.currency().equals(settings.currency())) {
            throw new IllegalArgumentException(
                    "an offer is priced in " + settings.currency() + ", not " + price.currency());
        }
    }

    /** The price in the token's atomic units, as x402 carries it ({@code amount}, {@code maxAmountRequired}). */
    public BigInteger amount() {
        return price.toMinorUnits();
    }

    public String network() {
        return settings.network();
    }

    public WalletAddress asset() {
        return settings.asset();
    }

    public long maxTimeoutSeconds() {
        return settings.maxTimeout().toSeconds();
    }
}
