package dev.agentmarketplace.x402.receipt;

import dev.agentmarketplace.core.hash.Eip55;
import dev.agentmarketplace.x402.json.JsonArray;
import dev.agentmarketplace.x402.json.JsonBoolean;
import dev.agentmarketplace.x402.json.JsonNull;
import dev.agentmarketplace.x402.json.JsonNumber;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the members of one JSON object of a receipt export strictly: every expected member present
 * with its JSON type, no other member, every refusal naming the member's path. A {@code null} is a
 * wrong type, never an absent member: the format writes no nulls.
 */
final class JsonMembers {
    private static final Pattern UINT_DECIMAL = Pattern.compile("0|[1-9][0-9]{0,77}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern BYTES32 = Pattern.compile("0x[0-9a-f]{64}");
    private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-f]{130}");
    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

    private final JsonObject object;
    private final String path;

    private JsonMembers(JsonObject object, String path) {
        this.object = object;
        this.path = path;
    }

    /**
     * The members of {@code value}, which must be an object with exactly {@code required} and at most
     * {@code optional} as members; the first missing or unknown member is refused by name.
     */
    static JsonMembers of(JsonValue value, String path, List<String> required, Set<String> optional) {
        if (!(value instanceof JsonObject object)) {
            throw new ReceiptFormatException(path, "expected a JSON object, found " + kind(value));
        }
        JsonMembers members = new JsonMembers(object, path);
        for (String name : required) {
            if (object.get(name).isEmpty()) {
                throw new ReceiptFormatException(members.path(name), "missing");
            }
        }
        for (String name : object.members().keySet()) {
            if (!required.contains(name) && !optional.contains(name)) {
                throw new ReceiptFormatException(members.path(name), "unknown member");
            }
        }
        return members;
    }

    String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    JsonValue value(String name) {
        return object.get(name).orElseThrow(() -> new ReceiptFormatException(path(name), "missing"));
    }

    String string(String name) {
        if (!(value(name) instanceof JsonString string)) {
            throw wrongType(name, "a string");
        }
        return string.value();
    }

    Optional<String> optionalString(String name) {
        return object.get(name).isPresent() ? Optional.of(string(name)) : Optional.empty();
    }

    /** A uint256 as JSON carries it here: a canonical decimal string, since a JSON number may pass through a double. */
    BigInteger uint256(String name) {
        String text = string(name);
        if (!UINT_DECIMAL.matcher(text).matches()) {
            throw new ReceiptFormatException(
                    path(name), "'" + abbreviate(text) + "' is not a uint256 in decimal digits without leading zeros");
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(UINT256_LIMIT) >= 0) {
            throw new ReceiptFormatException(path(name), text + " exceeds uint256");
        }
        return value;
    }

    /** A small non-negative integer written as a plain JSON number. */
    int smallInt(String name, int max) {
        if (!(value(name) instanceof JsonNumber number) || !number.isPlainInteger()) {
            throw wrongType(name, "an integer number");
        }
        if (number.text().startsWith("-") || number.text().length() > 10 || Long.parseLong(number.text()) > max) {
            throw new ReceiptFormatException(path(name), number.text() + " is outside [0, " + max + "]");
        }
        return Integer.parseInt(number.text());
    }

    /** A count as a plain JSON number in [0, 2^63). */
    long count(String name) {
        if (!(value(name) instanceof JsonNumber number) || !number.isPlainInteger()) {
            throw wrongType(name, "an integer number");
        }
        if (number.text().startsWith("-") || number.text().length() > 18) {
            throw new ReceiptFormatException(path(name), abbreviate(number.text()) + " is not a count in [0, 10^18)");
        }
        return Long.parseLong(number.text());
    }

    /** An address in its EIP-55 spelling, the only one the format writes. */
    String address(String name) {
        String text = string(name);
        if (!ADDRESS.matcher(text).matches()) {
            throw new ReceiptFormatException(path(name), "'" + abbreviate(text) + "' is not 0x and 40 hex digits");
        }
        String checksummed = Eip55.checksummed(text.substring(2).toLowerCase(Locale.ROOT));
        if (!checksummed.equals(text)) {
            String hex = text.substring(2);
            boolean singleCase = hex.equals(hex.toLowerCase(Locale.ROOT)) || hex.equals(hex.toUpperCase(Locale.ROOT));
            throw new ReceiptFormatException(
                    path(name),
                    "'" + text + "' " + (singleCase ? "is not in its EIP-55 spelling" : "fails its EIP-55 checksum")
                            + " (expected " + checksummed + ")");
        }
        return text;
    }

    /** A bytes32 as {@code 0x} and 64 lower-case hex digits. */
    String bytes32(String name) {
        String text = string(name);
        if (!BYTES32.matcher(text).matches()) {
            throw new ReceiptFormatException(
                    path(name), "'" + abbreviate(text) + "' is not 0x and 64 lower-case hex digits");
        }
        return text;
    }

    /** A signature r‖s‖v as {@code 0x} and 130 lower-case hex digits; whether it holds is checked later. */
    String signature(String name) {
        String text = string(name);
        if (!SIGNATURE.matcher(text).matches()) {
            throw new ReceiptFormatException(
                    path(name), "'" + abbreviate(text) + "' is not 0x and 130 lower-case hex digits");
        }
        return text;
    }

    ReceiptFormatException wrongType(String name, String expected) {
        return new ReceiptFormatException(path(name), "expected " + expected + ", found " + kind(value(name)));
    }

    static String kind(JsonValue value) {
        return switch (value) {
            case JsonObject ignored -> "an object";
            case JsonArray ignored -> "an array";
            case JsonString ignored -> "a string";
            case JsonNumber ignored -> "a number";
            case JsonBoolean ignored -> "a boolean";
            case JsonNull ignored -> "null";
        };
    }

    /** Long text is cut in messages, which end up in reports and logs. */
    static String abbreviate(String text) {
        return text.length() <= 140 ? text : text.substring(0, 140) + "...";
    }
}
