package dev.agentmarketplace.x402.receipt;

import dev.agentmarketplace.core.payment.SettlementReceipt;
import dev.agentmarketplace.core.payment.SignedReceipt;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.evm.Eip712Struct;
import dev.agentmarketplace.x402.evm.EvmPayloadException;
import dev.agentmarketplace.x402.evm.Secp256k1;
import dev.agentmarketplace.x402.evm.Signature;
import java.util.Objects;

/**
 * Checks that receipts and export manifests were signed by one expected key, the platform's
 * published signer address. Recovering an address from a signature proves only who signed; it is
 * comparing with an address obtained independently that proves the platform did.
 */
public final class ReceiptVerifier {
    private final WalletAddress expectedSigner;

    public ReceiptVerifier(WalletAddress expectedSigner) {
        this.expectedSigner = Objects.requireNonNull(expectedSigner, "expectedSigner");
    }

    public WalletAddress expectedSigner() {
        return expectedSigner;
    }

    /**
     * The address whose key signed {@code receipt}'s typed data with {@code signature}.
     *
     * @throws ReceiptSignatureException if the signature is malformed or not canonical (high s, EIP-2)
     */
    public static WalletAddress recoverSigner(SettlementReceipt receipt, String signature) {
        return recover(ReceiptTypedData.domainSeparator(), ReceiptTypedData.structHash(receipt), signature);
    }

    /** The address whose key signed {@code manifest}'s {@code SettlementExport} typed data. */
    public static WalletAddress recoverSigner(ExportManifest manifest) {
        return recover(ReceiptTypedData.domainSeparator(), manifest.structHash(), manifest.signature());
    }

    /**
     * Requires {@code receipt} to be signed by the expected key and to name it as its signer.
     *
     * @throws ReceiptSignatureException otherwise
     */
    public void verify(SignedReceipt receipt) {
        requireExpected("receipt", recoverSigner(receipt.receipt(), receipt.signature()));
        if (!receipt.signer().equals(expectedSigner)) {
            throw new ReceiptSignatureException("the receipt names " + receipt.signer()
                    + " as its signer, but it was signed by the expected signer " + expectedSigner);
        }
    }

    /**
     * Requires {@code manifest} to be signed by the expected key and to name it as its signer.
     *
     * @throws ReceiptSignatureException otherwise
     */
    public void verify(ExportManifest manifest) {
        requireExpected("manifest", recoverSigner(manifest));
        if (!manifest.signer().equals(expectedSigner)) {
            throw new ReceiptSignatureException("the manifest names " + manifest.signer()
                    + " as its signer, but it was signed by the expected signer " + expectedSigner);
        }
    }

    private void requireExpected(String what, WalletAddress recovered) {
        if (!recovered.equals(expectedSigner)) {
            throw new ReceiptSignatureException("the " + what + " signature recovers to " + recovered
                    + ", not to the expected signer " + expectedSigner
                    + " (another key signed it, or a signed field was altered)");
        }
    }

    private static WalletAddress recover(byte[] domainSeparator, byte[] structHash, String signature) {
        try {
            return WalletAddress.of(
                    Secp256k1.recover(Eip712Struct.digest(domainSeparator, structHash), Signature.fromHex(signature))
                            .value(),
                    "signer");
        } catch (EvmPayloadException e) {
            // The message without its x402 reason prefix, which means nothing for a receipt.
            throw new ReceiptSignatureException(
                    "signature: " + e.getMessage().substring(e.reason().wire().length() + 2));
        }
    }
}
