package dev.agentmarketplace.x402.receipt;

import dev.agentmarketplace.core.payment.ReceiptSigner;
import dev.agentmarketplace.core.payment.SettlementReceipt;
import dev.agentmarketplace.core.payment.SignedReceipt;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.evm.PrivateKeySigner;
import java.util.Objects;

/**
 * The platform's {@link ReceiptSigner}: EIP-712 typed data ({@link ReceiptTypedData}) signed with
 * the platform key on secp256k1. Signing is deterministic (RFC 6979) and low-s, so one receipt always
 * carries the same signature, {@code 0x} and 130 lower-case hex digits r‖s‖v with v = 27 or 28, the
 * form wallets, ethers and viem produce and verify.
 */
public final class Eip712ReceiptSigner implements ReceiptSigner {
    private final PrivateKeySigner key;
    private final WalletAddress address;

    public Eip712ReceiptSigner(PrivateKeySigner key) {
        this.key = Objects.requireNonNull(key, "key");
        this.address = WalletAddress.of(key.address().value(), "signer");
    }

    @Override
    public WalletAddress address() {
        return address;
    }

    @Override
    public SignedReceipt sign(SettlementReceipt receipt) {
        String signature = key.signTypedData(ReceiptTypedData.domainSeparator(), ReceiptTypedData.structHash(receipt))
                .toHex();
        return new SignedReceipt(receipt, signature, address);
    }

    @Override
    public String toString() {
        return "Eip712ReceiptSigner[" + address + "]";
    }
}
