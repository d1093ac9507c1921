package dev.agentmarketplace.x402.client;

import dev.agentmarketplace.x402.evm.EvmAddress;
import dev.agentmarketplace.x402.exact.EvmNetworks;
import dev.agentmarketplace.x402.extensions.PaymentIdentifier;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a payer is willing to pay with, and the retry key it sends along.
 *
 * @param networks the networks it pays on, CAIP-2 (normalized from version 1 names); empty for any
 * @param assets the token contracts it pays in, lower case; empty for any
 * @param maxAmount the most it pays for one request, in the token's atomic units
 * @param paymentIdentifier the {@code payment-identifier} id to send: reuse it when resending the
 *     same payment; version 1 payments have no extensions and do not carry it
 */
public record PaymentChoice(
        Set<String> networks, Set<String> assets, Optional<BigInteger> maxAmount, Optional<String> paymentIdentifier) {

    /** Any exact EVM payment, whatever its network, token or amount, with no identifier. */
    public static final PaymentChoice ANY = new PaymentChoice(Set.of(), Set.of(), Optional.empty(), Optional.empty());

    public PaymentChoice {
        networks = networks.stream()
                .map(network -> EvmNetworks.caip2(network)
                        .orElseThrow(() ->
                                new IllegalArgumentException(network + " is not an EVM network this payer knows")))
                .collect(Collectors.toUnmodifiableSet());
        assets = assets.stream()
                .map(asset ->
                        EvmAddress.of(asset.toLowerCase(Locale.ROOT)).value().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(maxAmount, "maxAmount").ifPresent(max -> {
            if (max.signum() < 0) {
                throw new IllegalArgumentException("maxAmount must not be negative, was " + max);
            }
        });
        Objects.requireNonNull(paymentIdentifier, "paymentIdentifier").ifPresent(id -> {
            if (!PaymentIdentifier.isValid(id)) {
                throw new IllegalArgumentException("a payment identifier is 16 to 128 letters, digits, '_' or '-'");
            }
        });
    }

    public PaymentChoice onNetworks(String... values) {
        return new PaymentChoice(
                Arrays.stream(values).collect(Collectors.toSet()), assets, maxAmount, paymentIdentifier);
    }

    public PaymentChoice inAssets(String... values) {
        return new PaymentChoice(
                networks, Arrays.stream(values).collect(Collectors.toSet()), maxAmount, paymentIdentifier);
    }

    public PaymentChoice atMost(BigInteger value) {
        return new PaymentChoice(networks, assets, Optional.of(value), paymentIdentifier);
    }

    public PaymentChoice withPaymentIdentifier(String id) {
        return new PaymentChoice(networks, assets, maxAmount, Optional.of(id));
    }

    boolean allowsNetwork(String caip2) {
        return networks.isEmpty() || networks.contains(caip2);
    }

    boolean allowsAsset(EvmAddress asset) {
        return assets.isEmpty() || assets.contains(asset.value().toLowerCase(Locale.ROOT));
    }

    boolean allowsAmount(BigInteger amount) {
        return maxAmount.map(max -> amount.compareTo(max) <= 0).orElse(true);
    }
}
