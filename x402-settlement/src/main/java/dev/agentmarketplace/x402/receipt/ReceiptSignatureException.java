package dev.agentmarketplace.x402.receipt;

/**
 * A receipt's or a manifest's signature is malformed, not canonical, or made by another key than
 * the one expected; the message says which and names both addresses.
 */
public final class ReceiptSignatureException extends RuntimeException {
    ReceiptSignatureException(String message) {
        super(message);
    }
}
