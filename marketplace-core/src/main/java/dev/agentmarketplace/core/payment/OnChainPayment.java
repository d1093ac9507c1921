package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.registry.WalletAddress;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The x402 side of a settlement: who paid whom in which token on which network (CAIP-2, e.g.
 * {@code eip155:84532}, for version 1 payments too), under which EIP-3009 nonce.
 */
public record OnChainPayment(
        WalletAddress payer, WalletAddress payTo, WalletAddress asset, String network, String nonce) {
    /** CAIP-2: a namespace and a reference (chain-agnostic standards, CAIP-2 §syntax). */
    private static final Pattern CAIP_2 = Pattern.compile("[-a-z0-9]{3,8}:[-_a-zA-Z0-9]{1,32}");

    public OnChainPayment {
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(payTo, "payTo");
        Objects.requireNonNull(asset, "asset");
        // The empty network is how a receipt without a payment is signed; a payment always names one.
        if (network == null || network.isBlank()) {
            throw new IllegalArgumentException("an x402 payment names its network");
        }
        // CAIP-2 whatever x402 version paid: a version 1 name ("base-sepolia") is no registry's, and one
        // settlement must read back as one receipt however the payer spelled its network.
        if (!CAIP_2.matcher(network).matches()) {
            throw new IllegalArgumentException(
                    "an x402 payment's network is named in CAIP-2 form (eip155:84532), not '" + network + "'");
        }
        VerifiedPayment.checkNonce(nonce);
    }

    static OnChainPayment of(Payment payment) {
        return new OnChainPayment(
                payment.payer(), payment.payTo(), payment.asset(), payment.network(), payment.nonce());
    }
}
