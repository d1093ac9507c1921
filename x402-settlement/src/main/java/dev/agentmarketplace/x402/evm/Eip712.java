package dev.agentmarketplace.x402.evm;

import dev.agentmarketplace.core.hash.Keccak256;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** The EIP-712 encodings ({@code encodeData}, §Definition of encodeData) of the member types we sign. */
final class Eip712 {
    static final int WORD = 32;
    static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

    private Eip712() {}

    static byte[] typeHash(String encodedType) {
        return Keccak256.hash(encodedType.getBytes(StandardCharsets.US_ASCII));
    }

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

    /** Collects 32-byte words: atomic values big-endian left-padded, dynamic ones as their keccak256. */
    static final class Encoder {
        private final byte[] out;
        private int position;

        Encoder(int words) {
            out = new byte[words * WORD];
        }

        Encoder bytes32(byte[] word) {
            System.arraycopy(word, 0, out, position, WORD);
            position += WORD;
            return this;
        }

        Encoder string(String value) {
            return bytes32(Keccak256.hash(value.getBytes(StandardCharsets.UTF_8)));
        }

        Encoder uint256(BigInteger value) {
            putWord(value, out, position);
            position += WORD;
            return this;
        }

        Encoder address(EvmAddress address) {
            System.arraycopy(address.bytes(), 0, out, position + WORD - EvmAddress.LENGTH, EvmAddress.LENGTH);
            position += WORD;
            return this;
        }

        byte[] hash() {
            if (position != out.length) {
                throw new IllegalStateException(position + " of " + out.length + " bytes encoded");
            }
            return Keccak256.hash(out);
        }
    }
}
