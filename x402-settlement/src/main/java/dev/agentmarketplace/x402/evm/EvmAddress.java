package dev.agentmarketplace.x402.evm;

import dev.agentmarketplace.core.hash.Eip55;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A 20-byte EVM account or contract address, held in its EIP-55 checksummed spelling. Input in one
 * case only carries no checksum and is accepted; mixed case is a checksum and must be right, since a
 * typo in a payee address loses money.
 */
public record EvmAddress(String value) {
    public static final int LENGTH = 20;

    public EvmAddress {
        byte[] bytes = Hex.decode("address", value, LENGTH, EvmPayloadException.Reason.INVALID_PAYLOAD);
        String hex = value.substring(2);
        String checksummed = checksum(bytes);
        boolean singleCase = hex.equals(hex.toLowerCase(Locale.ROOT)) || hex.equals(hex.toUpperCase(Locale.ROOT));
        if (!singleCase && !checksummed.equals(value)) {
            throw EvmPayloadException.invalidPayload(
                    "address", "'" + value + "' fails its EIP-55 checksum (expected " + checksummed + ")");
        }
        value = checksummed;
    }

    public static EvmAddress of(String value) {
        return new EvmAddress(value);
    }

    public static EvmAddress of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw EvmPayloadException.invalidPayload("address", bytes.length + " bytes where an address has " + LENGTH);
        }
        return new EvmAddress(checksum(bytes));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(value, 2, value.length());
    }

    private static String checksum(byte[] bytes) {
        return Eip55.checksummed(HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
