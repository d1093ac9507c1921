package dev.agentmarketplace.x402.evm;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The 32-byte EIP-3009 authorization nonce, held as lower-case {@code 0x} + 64 hex. The token contract
 * refuses a nonce it has seen for the same payer, so a client draws each one at random.
 */
public record Nonce(String value) {
    public static final int LENGTH = 32;

    public Nonce {
        Hex.decode("nonce", value, LENGTH, EvmPayloadException.Reason.INVALID_PAYLOAD);
        value = value.toLowerCase(Locale.ROOT);
    }

    public static Nonce of(String value) {
        return new Nonce(value);
    }

    public static Nonce random(SecureRandom random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new Nonce(Hex.encode(bytes));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(value, 2, value.length());
    }

    @Override
    public String toString() {
        return value;
    }
}
