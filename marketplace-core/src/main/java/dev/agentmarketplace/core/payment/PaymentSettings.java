package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.registry.WalletAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the platform asks payers for and how it settles: one token on one EVM network, the token's
 * EIP-712 domain ({@code name}, {@code version}: the contract's own, never a display name), the
 * currency providers must price in to be hired through x402, and the settlement outbox's timing.
 *
 * @param network CAIP-2 chain id, e.g. {@code eip155:84532} (Base Sepolia)
 * @param maxTimeout the {@code maxTimeoutSeconds} offered to payers
 * @param settlementLease how long one replica owns a settlement it is sending before another may retry it
 * @param retryBackoff the first retry's delay after an undecided settlement; it doubles per attempt, up to 5 minutes
 * @param maxAttempts attempts after which an undecided settlement whose authorization has expired is given up
 */
public record PaymentSettings(
        String network,
        WalletAddress asset,
        Currency currency,
        String tokenName,
        String tokenVersion,
        Duration maxTimeout,
        Duration settlementLease,
        Duration retryBackoff,
        int maxAttempts) {
    private static final Pattern EVM_NETWORK = Pattern.compile("eip155:[1-9][0-9]{0,17}");
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** USDC on Base Sepolia, the x402 test network. */
    public static final PaymentSettings DEFAULTS = new PaymentSettings(
            "eip155:84532",
            WalletAddress.of("0x036CbD53842c5426634e7929541eC2318f3dCF7e"),
            Currency.USDC,
            "USDC",
            "2",
            Duration.ofSeconds(300),
            Duration.ofMinutes(2),
            Duration.ofSeconds(5),
            10);

    public PaymentSettings {
        if (network == null || !EVM_NETWORK.matcher(network).matches()) {
            throw new InvalidValueException(
                    "network", "'" + network + "' is not an EVM CAIP-2 network (eip155:<chain id>)");
        }
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(currency, "currency");
        if (tokenName == null || tokenName.isBlank() || tokenVersion == null || tokenVersion.isBlank()) {
            throw new InvalidValueException("tokenName", "the token's EIP-712 domain name and version must be given");
        }
        positive(maxTimeout, "maxTimeout");
        positive(settlementLease, "settlementLease");
        positive(retryBackoff, "retryBackoff");
        if (maxAttempts < 1) {
            throw new InvalidValueException("maxAttempts", "must be at least 1, was " + maxAttempts);
        }
    }

    /** The chain id of {@link #network()}, for the token's EIP-712 domain. */
    public long chainId() {
        return Long.parseLong(network.substring(network.indexOf(':') + 1));
    }

    /** Delay before attempt {@code attempts + 1} of an undecided settlement: doubling, at most 5 minutes. */
    public Duration backoffAfter(int attempts) {
        Duration delay = retryBackoff;
        for (int i = 1; i < attempts && delay.compareTo(MAX_BACKOFF) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_BACKOFF) < 0 ? delay : MAX_BACKOFF;
    }

    private static void positive(Duration value, String field) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidValueException(field, "must be a positive duration, was " + value);
        }
    }
}
