package dev.agentmarketplace.x402.evm;

import java.math.BigInteger;

/** Checks and the 32-byte word layout shared by the EIP-712 encodings ({@link Eip712Struct}) and signatures. */
final class Eip712 {
    static final int WORD = 32;
    static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

    private Eip712() {}

    static <T> T require(String field, T value) {
        if (value == null) {
            throw EvmPayloadException.invalidPayload(field, "missing");
        }
        return value;
    }

    static BigInteger requireUint256(String field, BigInteger value) {
        if (value == null) {
            throw EvmPayloadException.invalidPayload(field, "missing (expected a uint256)");
        }
        if (value.signum() < 0 || value.compareTo(UINT256_LIMIT) >= 0) {
            throw EvmPayloadException.invalidPayload(field, value + " is outside the uint256 range [0, 2^256)");
        }
        return value;
    }

    /** Writes a non-negative value below 2^256 as a 32-byte big-endian word at {@code offset}. */
    static void putWord(BigInteger value, byte[] out, int offset) {
        byte[] magnitude = value.toByteArray();
        // toByteArray carries a leading zero sign byte when the top bit of the word is set.
        int skip = magnitude.length > WORD ? magnitude.length - WORD : 0;
        int length = magnitude.length - skip;
        System.arraycopy(magnitude, skip, out, offset + WORD - length, length);
    }
}
