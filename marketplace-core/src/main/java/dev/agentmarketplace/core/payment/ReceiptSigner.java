package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.registry.WalletAddress;

/**
 * Port: the platform's signing key, implemented by x402-settlement (EIP-712 typed data on
 * secp256k1). Signing is deterministic (RFC 6979), so the same receipt always carries the same
 * signature under one key.
 */
public interface ReceiptSigner {
    /** The address every receipt is signed by; published so anyone can check a receipt offline. */
    WalletAddress address();

    SignedReceipt sign(SettlementReceipt receipt);
}
