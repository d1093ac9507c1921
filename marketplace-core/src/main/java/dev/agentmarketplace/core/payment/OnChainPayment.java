package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.registry.WalletAddress;
import java.util.Objects;

/**
 * The x402 side of a settlement: who paid whom in which token on which network, under which EIP-3009
 * nonce.
 */
public record OnChainPayment(
        WalletAddress payer, WalletAddress payTo, WalletAddress asset, String network, String nonce) {
    public OnChainPayment {
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(payTo, "payTo");
        Objects.requireNonNull(asset, "asset");
        // The empty network is how a receipt without a payment is signed; a payment always names one.
        if (network == null || network.isBlank()) {
            throw new IllegalArgumentException("an x402 payment names its network");
        }
        VerifiedPayment.checkNonce(nonce);
    }

    static OnChainPayment of(Payment payment) {
        return new OnChainPayment(
                payment.payer(), payment.payTo(), payment.asset(), payment.network(), payment.nonce());
    }
}
