package dev.agentmarketplace.core.hash;

import java.nio.charset.StandardCharsets;

/** EIP-55 mixed-case checksum spelling of EVM addresses, shared by payout wallets and x402 payees. */
public final class Eip55 {
    private Eip55() {}

    /**
     * {@code 0x} and the 40 hex digits of {@code lowerHex} with each letter upper-cased whose nibble
     * in keccak256(lower-case hex) is 8 or more.
     */
    public static String checksummed(String lowerHex) {
        byte[] hash = Keccak256.hash(lowerHex.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder("0x");
        for (int i = 0; i < lowerHex.length(); i++) {
            char digit = lowerHex.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0F;
            out.append(nibble >= 8 ? Character.toUpperCase(digit) : digit);
        }
        return out.toString();
    }
}
