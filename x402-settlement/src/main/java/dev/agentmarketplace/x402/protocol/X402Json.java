package dev.agentmarketplace.x402.protocol;

import dev.agentmarketplace.x402.json.JsonArray;
import dev.agentmarketplace.x402.json.JsonBoolean;
import dev.agentmarketplace.x402.json.JsonNumber;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.json.JsonWriter;
import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The x402 types to JSON objects and back, for headers and for bodies (the v1 402 body, the
 * facilitator's {@code /verify} and {@code /settle}). Members are written in the specification's
 * order; absent optionals are omitted.
 *
 * <p>Unknown members: every object the specification defines completely is closed, and an unknown
 * member is refused ({@code invalid_payload} or {@code invalid_payment_requirements}), because a
 * signed payment that carries something we ignore is one we would misread. The open places are
 * the specification's own: {@code extra}, {@code extensions} and {@code outputSchema} are kept
 * as raw objects, so an echoed {@code accepted} still compares equal. The one exception is the
 * settlement response, which facilitators extend (e.g. with {@code errorMessage}): its unknown
 * members are ignored.
 */
public final class X402Json {

    private X402Json() {}

    // ---- PaymentRequired (v2) ----

    public static JsonObject write(PaymentRequired value) {
        Map<String, JsonValue> out = version(PaymentRequired.VERSION);
        value.error().ifPresent(e -> out.put("error", new JsonString(e)));
        out.put("resource", write(value.resource()));
        out.put(
                "accepts",
                new JsonArray(
                        value.accepts().stream().<JsonValue>map(X402Json::write).toList()));
        value.extensions().ifPresent(e -> out.put("extensions", e));
        return new JsonObject(out);
    }

    public static PaymentRequired readPaymentRequired(JsonValue json) {
        Fields f = Fields.of(json, "", Reason.INVALID_PAYMENT_REQUIREMENTS);
        expectVersion(f, PaymentRequired.VERSION);
        Optional<String> error = f.optionalString("error");
        ResourceInfo resource = readResource(f.required("resource"), f.path("resource"), f.reason());
        List<PaymentRequirements> accepts = new ArrayList<>();
        List<JsonValue> entries = f.array("accepts");
        for (int i = 0; i < entries.size(); i++) {
            accepts.add(readPaymentRequirements(entries.get(i), f.path("accepts[" + i + "]")));
        }
        Optional<JsonObject> extensions = f.optionalObject("extensions");
        f.noOthers();
        return f.build(() -> new PaymentRequired(error, resource, accepts, extensions));
    }

    // ---- PaymentRequirements (v2) ----

    public static JsonObject write(PaymentRequirements value) {
        Map<String, JsonValue> out = new LinkedHashMap<>();
        out.put("scheme", new JsonString(value.scheme()));
        out.put("network", new JsonString(value.network()));
        out.put("amount", new JsonString(value.amount().toString()));
        out.put("asset", new JsonString(value.asset()));
        out.put("payTo", new JsonString(value.payTo()));
        out.put("maxTimeoutSeconds", JsonNumber.of(value.maxTimeoutSeconds()));
        out.put("extra", value.extra());
        return new JsonObject(out);
    }

    public static PaymentRequirements readPaymentRequirements(JsonValue json) {
        return readPaymentRequirements(json, "");
    }

    private static PaymentRequirements readPaymentRequirements(JsonValue json, String path) {
        Fields f = Fields.of(json, path, Reason.INVALID_PAYMENT_REQUIREMENTS);
        String scheme = f.string("scheme");
        String network = f.string("network");
        BigInteger amount = uint256(f, "amount");
        String asset = f.string("asset");
        String payTo = f.string("payTo");
        long maxTimeoutSeconds = f.nonNegativeLong("maxTimeoutSeconds");
        JsonObject extra = f.object("extra");
        f.noOthers();
        return f.build(() -> new PaymentRequirements(scheme, network, amount, asset, payTo, maxTimeoutSeconds, extra));
    }

    // ---- ResourceInfo ----

    public static JsonObject write(ResourceInfo value) {
        Map<String, JsonValue> out = new LinkedHashMap<>();
        out.put("url", new JsonString(value.url()));
        value.description().ifPresent(d -> out.put("description", new JsonString(d)));
        value.mimeType().ifPresent(m -> out.put("mimeType", new JsonString(m)));
        return new JsonObject(out);
    }

    private static ResourceInfo readResource(JsonValue json, String path, Reason reason) {
        // v1 put a URL string here; v2 requires the object.
        Fields f = Fields.of(json, path, reason);
        String url = f.string("url");
        Optional<String> description = f.optionalString("description");
        Optional<String> mimeType = f.optionalString("mimeType");
        f.noOthers();
        return f.build(() -> new ResourceInfo(url, description, mimeType));
    }

    // ---- PaymentPayload (v2) ----

    public static JsonObject write(PaymentPayload value) {
        Map<String, JsonValue> out = version(PaymentPayload.VERSION);
        value.resource().ifPresent(r -> out.put("resource", write(r)));
        out.put("accepted", write(value.accepted()));
        out.put("payload", write(value.payload()));
        value.extensions().ifPresent(e -> out.put("extensions", e));
        return new JsonObject(out);
    }

    public static PaymentPayload readPaymentPayload(JsonValue json) {
        Fields f = Fields.of(json, "", Reason.INVALID_PAYLOAD);
        expectVersion(f, PaymentPayload.VERSION);
        return readPaymentPayloadAfterVersion(f);
    }

    private static PaymentPayload readPaymentPayloadAfterVersion(Fields f) {
        Optional<ResourceInfo> resource =
                f.optional("resource").map(r -> readResource(r, f.path("resource"), f.reason()));
        PaymentRequirements accepted = readPaymentRequirements(f.required("accepted"), f.path("accepted"));
        ExactEvmPayload payload = readExactEvmPayload(f.required("payload"), f.path("payload"));
        Optional<JsonObject> extensions = f.optionalObject("extensions");
        f.noOthers();
        return f.build(() -> new PaymentPayload(resource, accepted, payload, extensions));
    }

    // ---- PaymentPayloadV1 ----

    public static JsonObject write(PaymentPayloadV1 value) {
        Map<String, JsonValue> out = version(PaymentPayloadV1.VERSION);
        out.put("scheme", new JsonString(value.scheme()));
        out.put("network", new JsonString(value.network()));
        out.put("payload", write(value.payload()));
        return new JsonObject(out);
    }

    public static PaymentPayloadV1 readPaymentPayloadV1(JsonValue json) {
        Fields f = Fields.of(json, "", Reason.INVALID_PAYLOAD);
        expectVersion(f, PaymentPayloadV1.VERSION);
        return readPaymentPayloadV1AfterVersion(f);
    }

    private static PaymentPayloadV1 readPaymentPayloadV1AfterVersion(Fields f) {
        String scheme = f.string("scheme");
        String network = f.string("network");
        ExactEvmPayload payload = readExactEvmPayload(f.required("payload"), f.path("payload"));
        f.noOthers();
        return f.build(() -> new PaymentPayloadV1(scheme, network, payload));
    }

    /** Either version, told apart by {@code x402Version}. */
    public static SignedPayment readSignedPayment(JsonValue json) {
        Fields f = Fields.of(json, "", Reason.INVALID_PAYLOAD);
        int version = readVersion(f);
        return switch (version) {
            case PaymentPayloadV1.VERSION -> readPaymentPayloadV1AfterVersion(f);
            case PaymentPayload.VERSION -> readPaymentPayloadAfterVersion(f);
            default -> throw unsupportedVersion(version, "1 or 2");
        };
    }

    // ---- ExactEvmPayload and Authorization ----

    public static JsonObject write(ExactEvmPayload value) {
        Authorization a = value.authorization();
        Map<String, JsonValue> authorization = new LinkedHashMap<>();
        authorization.put("from", new JsonString(a.from()));
        authorization.put("to", new JsonString(a.to()));
        authorization.put("value", new JsonString(a.value().toString()));
        authorization.put("validAfter", new JsonString(a.validAfter().toString()));
        authorization.put("validBefore", new JsonString(a.validBefore().toString()));
        authorization.put("nonce", new JsonString(a.nonce()));
        Map<String, JsonValue> out = new LinkedHashMap<>();
        out.put("signature", new JsonString(value.signature()));
        out.put("authorization", new JsonObject(authorization));
        return new JsonObject(out);
    }

    private static ExactEvmPayload readExactEvmPayload(JsonValue json, String path) {
        Fields f = Fields.of(json, path, Reason.INVALID_PAYLOAD);
        String signature = f.string("signature");
        Authorization authorization = readAuthorization(f.required("authorization"), f.path("authorization"));
        f.noOthers();
        return f.build(() -> new ExactEvmPayload(signature, authorization));
    }

    private static Authorization readAuthorization(JsonValue json, String path) {
        Fields f = Fields.of(json, path, Reason.INVALID_PAYLOAD);
        String from = f.string("from");
        String to = f.string("to");
        BigInteger value = uint256(f, "value");
        BigInteger validAfter = uint256(f, "validAfter");
        BigInteger validBefore = uint256(f, "validBefore");
        String nonce = f.string("nonce");
        f.noOthers();
        return f.build(() -> new Authorization(from, to, value, validAfter, validBefore, nonce));
    }

    // ---- PaymentRequiredV1 ----

    public static JsonObject write(PaymentRequiredV1 value) {
        Map<String, JsonValue> out = version(PaymentRequiredV1.VERSION);
        out.put("error", new JsonString(value.error()));
        out.put(
                "accepts",
                new JsonArray(
                        value.accepts().stream().<JsonValue>map(X402Json::write).toList()));
        return new JsonObject(out);
    }

    public static PaymentRequiredV1 readPaymentRequiredV1(JsonValue json) {
        Fields f = Fields.of(json, "", Reason.INVALID_PAYMENT_REQUIREMENTS);
        expectVersion(f, PaymentRequiredV1.VERSION);
        String error = f.string("error");
        List<PaymentRequirementsV1> accepts = new ArrayList<>();
        List<JsonValue> entries = f.array("accepts");
        for (int i = 0; i < entries.size(); i++) {
            accepts.add(readPaymentRequirementsV1(entries.get(i), f.path("accepts[" + i + "]")));
        }
        f.noOthers();
        return f.build(() -> new PaymentRequiredV1(error, accepts));
    }

    public static JsonObject write(PaymentRequirementsV1 value) {
        Map<String, JsonValue> out = new LinkedHashMap<>();
        out.put("scheme", new JsonString(value.scheme()));
        out.put("network", new JsonString(value.network()));
        out.put("maxAmountRequired", new JsonString(value.maxAmountRequired().toString()));
        out.put("resource", new JsonString(value.resource()));
        out.put("description", new JsonString(value.description()));
        out.put("mimeType", new JsonString(value.mimeType()));
        out.put("payTo", new JsonString(value.payTo()));
        out.put("maxTimeoutSeconds", JsonNumber.of(value.maxTimeoutSeconds()));
        out.put("asset", new JsonString(value.asset()));
        value.outputSchema().ifPresent(s -> out.put("outputSchema", s));
        value.extra().ifPresent(e -> out.put("extra", e));
        return new JsonObject(out);
    }

    public static PaymentRequirementsV1 readPaymentRequirementsV1(JsonValue json) {
        return readPaymentRequirementsV1(json, "");
    }

    private static PaymentRequirementsV1 readPaymentRequirementsV1(JsonValue json, String path) {
        Fields f = Fields.of(json, path, Reason.INVALID_PAYMENT_REQUIREMENTS);
        String scheme = f.string("scheme");
        String network = f.string("network");
        BigInteger maxAmountRequired = uint256(f, "maxAmountRequired");
        String resource = f.string("resource");
        String description = f.string("description");
        String mimeType = f.string("mimeType");
        String payTo = f.string("payTo");
        long maxTimeoutSeconds = f.nonNegativeLong("maxTimeoutSeconds");
        String asset = f.string("asset");
        Optional<JsonObject> outputSchema = f.optionalObject("outputSchema");
        Optional<JsonObject> extra = f.optionalObject("extra");
        f.noOthers();
        return f.build(() -> new PaymentRequirementsV1(
                scheme,
                network,
                maxAmountRequired,
                resource,
                description,
                mimeType,
                payTo,
                maxTimeoutSeconds,
                asset,
                outputSchema,
                extra));
    }

    // ---- SettlementResponse (both versions) ----

    public static JsonObject write(SettlementResponse value) {
        Map<String, JsonValue> out = new LinkedHashMap<>();
        out.put("success", JsonBoolean.of(value.success()));
        value.errorReason().ifPresent(r -> out.put("errorReason", new JsonString(r)));
        value.payer().ifPresent(p -> out.put("payer", new JsonString(p)));
        out.put("transaction", new JsonString(value.transaction()));
        out.put("network", new JsonString(value.network()));
        value.amount().ifPresent(a -> out.put("amount", new JsonString(a.toString())));
        value.extensions().ifPresent(e -> out.put("extensions", e));
        return new JsonObject(out);
    }

    public static SettlementResponse readSettlementResponse(JsonValue json) {
        Fields f = Fields.of(json, "", Reason.INVALID_PAYLOAD);
        boolean success = f.bool("success");
        Optional<String> errorReason = f.optionalString("errorReason");
        Optional<String> payer = f.optionalString("payer");
        String transaction = f.string("transaction");
        String network = f.string("network");
        Optional<BigInteger> amount =
                f.optionalString("amount").map(a -> Wire.uint256(a, Reason.INVALID_PAYLOAD, f.path("amount")));
        Optional<JsonObject> extensions = f.optionalObject("extensions");
        return f.build(
                () -> new SettlementResponse(success, errorReason, payer, transaction, network, amount, extensions));
    }

    // ---- Facilitator API (x402 specification v2 §7) ----

    /**
     * The body of {@code POST /verify} and {@code POST /settle}: {@code paymentPayload} is given as
     * JSON so that a verifier can pass on the client's payment exactly as it was decoded.
     */
    public static JsonObject facilitatorRequest(
            int x402Version, JsonValue paymentPayload, JsonObject paymentRequirements) {
        Map<String, JsonValue> out = version(x402Version);
        out.put("paymentPayload", paymentPayload);
        out.put("paymentRequirements", paymentRequirements);
        return new JsonObject(out);
    }

    public static JsonObject write(VerifyResponse value) {
        Map<String, JsonValue> out = new LinkedHashMap<>();
        out.put("isValid", JsonBoolean.of(value.isValid()));
        value.invalidReason().ifPresent(r -> out.put("invalidReason", new JsonString(r)));
        value.payer().ifPresent(p -> out.put("payer", new JsonString(p)));
        return new JsonObject(out);
    }

    /** Unknown members are ignored: facilitators extend the answer (e.g. {@code invalidMessage}). */
    public static VerifyResponse readVerifyResponse(JsonValue json) {
        Fields f = Fields.of(json, "", Reason.INVALID_PAYLOAD);
        boolean isValid = f.bool("isValid");
        Optional<String> invalidReason = f.optionalString("invalidReason");
        Optional<String> payer = f.optionalString("payer");
        return f.build(() -> new VerifyResponse(isValid, invalidReason, payer));
    }

    public static JsonObject write(SupportedResponse value) {
        List<JsonValue> kinds = new ArrayList<>();
        for (SupportedKind kind : value.kinds()) {
            Map<String, JsonValue> out = version(kind.x402Version());
            out.put("scheme", new JsonString(kind.scheme()));
            out.put("network", new JsonString(kind.network()));
            kind.extra().ifPresent(e -> out.put("extra", e));
            kinds.add(new JsonObject(out));
        }
        Map<String, JsonValue> signers = new LinkedHashMap<>();
        value.signers().forEach((pattern, addresses) -> signers.put(pattern, strings(addresses)));
        Map<String, JsonValue> out = new LinkedHashMap<>();
        out.put("kinds", new JsonArray(kinds));
        out.put("extensions", strings(value.extensions()));
        out.put("signers", new JsonObject(signers));
        return new JsonObject(out);
    }

    /**
     * Unknown members are ignored, and {@code extensions} and {@code signers}, which version 1
     * facilitators do not send, default to empty.
     */
    public static SupportedResponse readSupportedResponse(JsonValue json) {
        Fields f = Fields.of(json, "", Reason.INVALID_PAYLOAD);
        List<SupportedKind> kinds = new ArrayList<>();
        List<JsonValue> entries = f.array("kinds");
        for (int i = 0; i < entries.size(); i++) {
            kinds.add(readSupportedKind(entries.get(i), f.path("kinds[" + i + "]")));
        }
        List<String> extensions = f.optional("extensions")
                .map(v -> readStrings(v, f.path("extensions")))
                .orElse(List.of());
        Map<String, List<String>> signers = new LinkedHashMap<>();
        f.optionalObject("signers")
                .ifPresent(o -> o.members()
                        .forEach((pattern, addresses) ->
                                signers.put(pattern, readStrings(addresses, f.path("signers." + pattern)))));
        return f.build(() -> new SupportedResponse(kinds, extensions, signers));
    }

    private static SupportedKind readSupportedKind(JsonValue json, String path) {
        Fields f = Fields.of(json, path, Reason.INVALID_PAYLOAD);
        int version = readVersion(f);
        String scheme = f.string("scheme");
        String network = f.string("network");
        Optional<JsonObject> extra = f.optionalObject("extra");
        return f.build(() -> new SupportedKind(version, scheme, network, extra));
    }

    private static JsonArray strings(List<String> values) {
        return new JsonArray(values.stream().<JsonValue>map(JsonString::new).toList());
    }

    private static List<String> readStrings(JsonValue json, String path) {
        if (!(json instanceof JsonArray array)) {
            throw new X402CodecException(Reason.INVALID_PAYLOAD, path, "must be an array, got " + Fields.kind(json));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.elements().size(); i++) {
            if (!(array.elements().get(i) instanceof JsonString s)) {
                throw new X402CodecException(
                        Reason.INVALID_PAYLOAD,
                        path + "[" + i + "]",
                        "must be a string, got " + Fields.kind(array.elements().get(i)));
            }
            out.add(s.value());
        }
        return out;
    }

    // ---- shared ----

    private static BigInteger uint256(Fields f, String name) {
        return Wire.uint256(f.string(name), f.reason(), f.path(name));
    }

    private static Map<String, JsonValue> version(int version) {
        Map<String, JsonValue> out = new LinkedHashMap<>();
        out.put("x402Version", JsonNumber.of(version));
        return out;
    }

    private static void expectVersion(Fields f, int expected) {
        int version = readVersion(f);
        if (version != expected) {
            throw unsupportedVersion(version, Integer.toString(expected));
        }
    }

    private static int readVersion(Fields f) {
        JsonValue value = f.optional("x402Version")
                .orElseThrow(() -> new X402CodecException(Reason.INVALID_X402_VERSION, "x402Version", "is required"));
        if (!(value instanceof JsonNumber n) || !n.isPlainInteger() || n.text().length() > 9) {
            throw new X402CodecException(
                    Reason.INVALID_X402_VERSION,
                    "x402Version",
                    "must be a small integer, got " + JsonWriter.write(value));
        }
        return Integer.parseInt(n.text());
    }

    private static X402CodecException unsupportedVersion(int version, String expected) {
        return new X402CodecException(
                Reason.INVALID_X402_VERSION, "x402Version", "expected " + expected + ", got " + version);
    }
}
