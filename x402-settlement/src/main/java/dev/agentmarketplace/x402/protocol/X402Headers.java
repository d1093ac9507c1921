package dev.agentmarketplace.x402.protocol;

import dev.agentmarketplace.x402.json.JsonParseException;
import dev.agentmarketplace.x402.json.JsonReader;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.json.JsonWriter;
import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The x402 HTTP headers (transports-v2/http.md, and v1's {@code X-PAYMENT}) and their codec: each
 * value is standard base64, with padding, of the UTF-8 JSON of one x402 object.
 *
 * <p>Strict on input: base64url, whitespace, missing padding and non-canonical trailing bits are
 * refused, as is a value longer than {@link #MAX_HEADER_LENGTH}. Deterministic on output: one value
 * always encodes to the same header.
 */
public final class X402Headers {

    /** v2, 402 response: the {@link PaymentRequired}. */
    public static final String PAYMENT_REQUIRED = "PAYMENT-REQUIRED";
    /** v2, request: the {@link PaymentPayload}. */
    public static final String PAYMENT_SIGNATURE = "PAYMENT-SIGNATURE";
    /** v2, response: the {@link SettlementResponse}. */
    public static final String PAYMENT_RESPONSE = "PAYMENT-RESPONSE";
    /** v1, request: the {@link PaymentPayloadV1}. */
    public static final String X_PAYMENT = "X-PAYMENT";
    /** v1, response: the {@link SettlementResponse}. */
    public static final String X_PAYMENT_RESPONSE = "X-PAYMENT-RESPONSE";

    /**
     * The longest header value read, in characters. 8 KiB is the smallest header limit common
     * servers and proxies apply (e.g. nginx's default buffer), so a longer value would not arrive
     * intact anyway; it holds a payment with room to spare and a 402 offering a dozen ways to pay.
     */
    public static final int MAX_HEADER_LENGTH = 8 * 1024;

    // Nesting beyond this is only found in extensions, and nothing x402 defines comes close.
    private static final int MAX_DEPTH = 32;
    private static final JsonReader READER = new JsonReader(MAX_HEADER_LENGTH, MAX_DEPTH);

    private X402Headers() {}

    /**
     * The value of {@code name} among {@code headers}, the name compared case-insensitively (RFC
     * 9110 §5.1). Two different values for one payment header are refused: which one was paid is
     * not ours to guess.
     */
    public static Optional<String> find(Map<String, ? extends List<String>> headers, String name) {
        String found = null;
        for (var header : headers.entrySet()) {
            // HttpURLConnection files the status line under a null name.
            if (header.getKey() == null || !header.getKey().equalsIgnoreCase(name)) {
                continue;
            }
            for (String value : header.getValue()) {
                if (found != null && !found.equals(value)) {
                    throw new X402CodecException(Reason.INVALID_PAYLOAD, name, "the header is given twice");
                }
                found = value;
            }
        }
        return Optional.ofNullable(found);
    }

    public static String encodePaymentRequired(PaymentRequired value) {
        return encode(X402Json.write(value));
    }

    public static PaymentRequired decodePaymentRequired(String header) {
        return decode(header, X402Json::readPaymentRequired);
    }

    public static String encodePaymentSignature(PaymentPayload value) {
        return encode(X402Json.write(value));
    }

    /** A {@code PAYMENT-SIGNATURE} value; a v1 payment in it is refused with {@code invalid_x402_version}. */
    public static PaymentPayload decodePaymentSignature(String header) {
        return decode(header, X402Json::readPaymentPayload);
    }

    public static String encodeXPayment(PaymentPayloadV1 value) {
        return encode(X402Json.write(value));
    }

    /** An {@code X-PAYMENT} value; a v2 payment in it is refused with {@code invalid_x402_version}. */
    public static PaymentPayloadV1 decodeXPayment(String header) {
        return decode(header, X402Json::readPaymentPayloadV1);
    }

    /** A payment of either version, told apart by its {@code x402Version}. */
    public static SignedPayment decodePayment(String header) {
        return decode(header, X402Json::readSignedPayment);
    }

    /** The value of {@code PAYMENT-RESPONSE} (v2) or {@code X-PAYMENT-RESPONSE} (v1): the same object. */
    public static String encodePaymentResponse(SettlementResponse value) {
        return encode(X402Json.write(value));
    }

    public static SettlementResponse decodePaymentResponse(String header) {
        return decode(header, X402Json::readSettlementResponse);
    }

    private static String encode(JsonValue json) {
        return Base64.getEncoder().encodeToString(JsonWriter.write(json).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The JSON of a header value, under the same base64 and JSON rules, before it is read as a type:
     * for a verifier that must pass a payment on to a facilitator exactly as the client sent it.
     */
    public static JsonValue decodeJson(String header) {
        return parse(base64(header));
    }

    private static <T> T decode(String header, Function<JsonValue, T> reader) {
        return reader.apply(decodeJson(header));
    }

    private static byte[] base64(String header) {
        if (header == null || header.isEmpty()) {
            throw new X402CodecException(Reason.INVALID_PAYLOAD, "", "the header is empty");
        }
        if (header.length() > MAX_HEADER_LENGTH) {
            throw new X402CodecException(
                    Reason.INVALID_PAYLOAD,
                    "",
                    "the header has " + header.length() + " characters, more than the limit of " + MAX_HEADER_LENGTH);
        }
        // Java's basic decoder accepts a missing padding and ignores stray trailing bits; x402 fixes
        // one encoding per value, so anything but the canonical one is refused.
        if (header.length() % 4 != 0) {
            throw new X402CodecException(
                    Reason.INVALID_PAYLOAD, "", "not padded standard base64 (length " + header.length() + ")");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(header);
        } catch (IllegalArgumentException e) {
            throw new X402CodecException(Reason.INVALID_PAYLOAD, "", "not standard base64: " + e.getMessage(), e);
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(header)) {
            throw new X402CodecException(Reason.INVALID_PAYLOAD, "", "not canonical base64");
        }
        return bytes;
    }

    private static JsonValue parse(byte[] utf8) {
        try {
            return READER.read(utf8);
        } catch (JsonParseException e) {
            throw new X402CodecException(Reason.INVALID_PAYLOAD, "", "not JSON: " + e.getMessage(), e);
        }
    }
}
