package dev.agentmarketplace.x402.protocol;

import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.math.BigInteger;
import java.util.regex.Pattern;

/** The string encodings x402 fixes for its fields, checked once for every type that carries them. */
final class Wire {

    static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,77}");
    private static final Pattern EVM_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern BYTES32 = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-fA-F]{130}");
    // CAIP-2: namespace ":" reference.
    private static final Pattern CAIP2 = Pattern.compile("[-a-z0-9]{3,8}:[-_a-zA-Z0-9]{1,32}");
    // v1 networks are bare names such as "base" or "base-sepolia".
    private static final Pattern V1_NETWORK = Pattern.compile("[a-z0-9][-a-z0-9]{0,63}");
    private static final Pattern SCHEME = Pattern.compile("[a-z0-9][-_a-z0-9]{0,31}");

    static final String EXACT = "exact";

    private Wire() {}

    /**
     * A uint256 as x402 writes it: a canonical decimal string (no sign, no leading zero), never a
     * JSON number, so that it survives readers that parse numbers as doubles.
     */
    static BigInteger uint256(String text, Reason reason, String field) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            throw new X402CodecException(reason, field, "must be a decimal uint256 string, got " + quote(text));
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(UINT256_MAX) > 0) {
            throw new X402CodecException(reason, field, "exceeds uint256: " + text);
        }
        return value;
    }

    static BigInteger uint256(BigInteger value, Reason reason, String field) {
        if (value == null || value.signum() < 0 || value.compareTo(UINT256_MAX) > 0) {
            throw new X402CodecException(reason, field, "must be in the uint256 range, got " + value);
        }
        return value;
    }

    static String evmAddress(String text, Reason reason, String field) {
        return matching(EVM_ADDRESS, text, reason, field, "an address (0x + 40 hex digits)");
    }

    static String bytes32(String text, Reason reason, String field) {
        return matching(BYTES32, text, reason, field, "0x + 64 hex digits");
    }

    static String signature(String text, Reason reason, String field) {
        return matching(SIGNATURE, text, reason, field, "0x + 130 hex digits (r, s, v)");
    }

    static String scheme(String text, String field) {
        return matching(SCHEME, text, Reason.INVALID_SCHEME, field, "a scheme name such as \"exact\"");
    }

    static String caip2Network(String text, String field) {
        return matching(CAIP2, text, Reason.INVALID_NETWORK, field, "a CAIP-2 network such as \"eip155:8453\"");
    }

    static String v1Network(String text, String field) {
        return matching(V1_NETWORK, text, Reason.INVALID_NETWORK, field, "a v1 network name such as \"base\"");
    }

    static boolean isEvm(String caip2Network) {
        return caip2Network.startsWith("eip155:");
    }

    static String nonBlank(String text, Reason reason, String field) {
        if (text == null || text.isBlank()) {
            throw new X402CodecException(reason, field, "must be a non-empty string");
        }
        return text;
    }

    static long nonNegative(long value, Reason reason, String field) {
        if (value < 0) {
            throw new X402CodecException(reason, field, "must not be negative, got " + value);
        }
        return value;
    }

    static <T> T present(T value, Reason reason, String field) {
        if (value == null) {
            throw new X402CodecException(reason, field, "is required");
        }
        return value;
    }

    private static String matching(Pattern pattern, String text, Reason reason, String field, String expected) {
        if (text == null || !pattern.matcher(text).matches()) {
            throw new X402CodecException(reason, field, "must be " + expected + ", got " + quote(text));
        }
        return text;
    }

    private static String quote(String text) {
        if (text == null) {
            return "nothing";
        }
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return "\"" + shown + "\"";
    }
}
