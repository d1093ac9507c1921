package dev.agentmarketplace.x402.receipt;

/**
 * The platform signing key cannot be loaded or created. The message names the source and the problem,
 * never any of the key's characters.
 */
public final class SigningKeyException extends RuntimeException {
    SigningKeyException(String message) {
        super(message);
    }

    SigningKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
