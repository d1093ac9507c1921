package dev.agentmarketplace.x402.evm;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** Strict {@code 0x}-prefixed hex of a fixed length, as every byte string of an x402 EVM payload is. */
final class Hex {
    private static final Pattern HEX_DIGITS = Pattern.compile("[0-9a-fA-F]*");

    private Hex() {}

    static byte[] decode(String field, String value, int byteLength, EvmPayloadException.Reason reason) {
        String expected = "0x and " + (byteLength * 2) + " hex digits";
        if (value == null) {
            throw new EvmPayloadException(reason, field + ": missing (expected " + expected + ")");
        }
        if (!value.startsWith("0x")
                || value.length() != 2 + byteLength * 2
                || !HEX_DIGITS.matcher(value.substring(2)).matches()) {
            throw new EvmPayloadException(
                    reason, field + ": '" + value + "' is not " + expected + " (" + value.length() + " characters)");
        }
        return HexFormat.of().parseHex(value, 2, value.length());
    }

    static String encode(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
