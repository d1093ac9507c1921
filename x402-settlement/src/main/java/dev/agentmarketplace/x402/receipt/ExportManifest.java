package dev.agentmarketplace.x402.receipt;

import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.evm.Eip712Struct;
import dev.agentmarketplace.x402.json.JsonNumber;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonParseException;
import dev.agentmarketplace.x402.json.JsonReader;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.json.JsonWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code manifest.json} of a receipt export: what the export holds and the platform's signature
 * over it, so that a removed, added or altered line, which each receipt's own signature cannot
 * reveal, shows as a count or hash mismatch.
 *
 * <p>The manifest signature is EIP-712 typed data in the receipts' domain, of type {@value
 * #EXPORT_TYPE}: {@code count} is the number of lines of {@code receipts.jsonl}, {@code
 * receiptsSha256} the SHA-256 of its exact bytes, {@code createdAt} the export's time in Unix
 * seconds.
 *
 * @param count the number of lines (receipts) in {@code receipts.jsonl}
 * @param receiptsSha256 SHA-256 of the exact bytes of {@code receipts.jsonl}, 64 lower-case hex digits
 *     (what {@code sha256sum} prints)
 * @param createdAt when the export was made, in whole seconds
 * @param filter a free-form description of what was selected, for the reader; not signed
 * @param signature the platform's signature over the {@code SettlementExport} typed data
 */
public record ExportManifest(
        WalletAddress signer,
        long count,
        String receiptsSha256,
        Instant createdAt,
        Optional<String> filter,
        String signature) {
    public static final String FORMAT = "agent-marketplace/settlement-receipts";
    public static final int FORMAT_VERSION = 2;
    public static final String EXPORT_PRIMARY_TYPE = "SettlementExport";
    public static final String EXPORT_TYPE = "SettlementExport(uint256 count,bytes32 receiptsSha256,uint256 createdAt)";
    /** keccak256 of {@link #EXPORT_TYPE}. */
    public static final String EXPORT_TYPE_HASH = "0xd5285cacb8d9fd9026b77969f656ac8f816962bc3e6977f280694a3f161ce99c";

    public static final int MAX_FILTER_LENGTH = 1000;
    /** Bounds what a verifier reads of a manifest, which may come from anyone. */
    static final int MAX_BYTES = 64 * 1024;

    static final Eip712Struct EXPORT = Eip712Struct.parse(EXPORT_TYPE);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-f]{130}");
    private static final List<String> MEMBERS = List.of(
            "format",
            "formatVersion",
            "domain",
            "types",
            "primaryType",
            "signer",
            "count",
            "receiptsSha256",
            "createdAt",
            "manifestSignature");
    private static final List<String> SIGNATURE_MEMBERS = List.of("types", "primaryType", "message", "signature");
    private static final List<String> MESSAGE_MEMBERS = List.of("count", "receiptsSha256", "createdAt");

    public ExportManifest {
        Objects.requireNonNull(signer, "signer");
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " is negative");
        }
        if (receiptsSha256 == null || !SHA256.matcher(receiptsSha256).matches()) {
            throw new IllegalArgumentException("receiptsSha256: not 64 lower-case hex digits");
        }
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.SECONDS);
        if (createdAt.getEpochSecond() < 0) {
            throw new IllegalArgumentException(
                    "createdAt: " + createdAt + " is before 1970; it is signed as a uint256");
        }
        Objects.requireNonNull(filter, "filter").ifPresent(ExportManifest::checkFilter);
        if (signature == null || !SIGNATURE.matcher(signature).matches()) {
            throw new IllegalArgumentException("signature: not 0x and 130 lower-case hex digits");
        }
    }

    /** {@code hashStruct} of the {@code SettlementExport} message this manifest's signature covers. */
    public byte[] structHash() {
        return structHash(count, receiptsSha256, createdAt);
    }

    static byte[] structHash(long count, String receiptsSha256, Instant createdAt) {
        return EXPORT.encoder()
                .uint("count", BigInteger.valueOf(count))
                .bytes32("receiptsSha256", HexFormat.of().parseHex(receiptsSha256))
                .uint("createdAt", BigInteger.valueOf(createdAt.getEpochSecond()))
                .hash();
    }

    static void checkFilter(String filter) {
        if (filter.isBlank() || filter.length() > MAX_FILTER_LENGTH) {
            throw new IllegalArgumentException("filter: must be 1-" + MAX_FILTER_LENGTH + " characters, not blank");
        }
    }

    /**
     * The manifest as written to {@code manifest.json}. Besides the fields it carries the receipts'
     * EIP-712 {@code domain}, {@code types} and {@code primaryType}, and under {@code
     * manifestSignature} the complete typed data of its own signature, so that either can be handed
     * to viem's {@code verifyTypedData} as it stands.
     */
    public JsonObject toJson() {
        var members = new LinkedHashMap<String, JsonValue>();
        members.put("format", new JsonString(FORMAT));
        members.put("formatVersion", JsonNumber.of(FORMAT_VERSION));
        members.put("domain", ReceiptTypedData.domainJson());
        members.put("types", ReceiptTypedData.typesJson());
        members.put("primaryType", new JsonString(ReceiptTypedData.PRIMARY_TYPE));
        members.put("signer", new JsonString(signer.value()));
        members.put("count", JsonNumber.of(count));
        members.put("receiptsSha256", new JsonString(receiptsSha256));
        members.put("createdAt", new JsonString(createdAt.toString()));
        filter.ifPresent(text -> members.put("filter", new JsonString(text)));
        var signed = new LinkedHashMap<String, JsonValue>();
        signed.put("types", ReceiptTypedData.typesJson(EXPORT));
        signed.put("primaryType", new JsonString(EXPORT_PRIMARY_TYPE));
        signed.put("message", messageJson());
        signed.put("signature", new JsonString(signature));
        members.put("manifestSignature", new JsonObject(signed));
        return new JsonObject(members);
    }

    /** The {@code SettlementExport} message: uint256 as decimal strings, bytes32 as {@code 0x} hex. */
    JsonObject messageJson() {
        var message = new LinkedHashMap<String, JsonValue>();
        message.put("count", new JsonString(Long.toString(count)));
        message.put("receiptsSha256", new JsonString("0x" + receiptsSha256));
        message.put("createdAt", new JsonString(Long.toString(createdAt.getEpochSecond())));
        return new JsonObject(message);
    }

    /**
     * Reads {@code manifest.json} strictly: format and version, domain and types exactly those of
     * this format, no unknown member, and a signed message equal to the manifest's own fields.
     *
     * @throws ReceiptFormatException naming the first offending member
     */
    public static ExportManifest parse(byte[] utf8) {
        JsonValue json;
        try {
            json = new JsonReader(MAX_BYTES, 8).read(utf8);
        } catch (JsonParseException e) {
            throw new ReceiptFormatException("", "not JSON: " + e.getMessage());
        }
        JsonMembers members = JsonMembers.of(json, "", MEMBERS, Set.of("filter"));
        if (!members.string("format").equals(FORMAT)) {
            throw new ReceiptFormatException(
                    "format", "'" + JsonMembers.abbreviate(members.string("format")) + "' is not " + FORMAT);
        }
        if (members.count("formatVersion") != FORMAT_VERSION) {
            throw new ReceiptFormatException(
                    "formatVersion",
                    members.count("formatVersion") + " is not a version this verifier reads (" + FORMAT_VERSION + ")");
        }
        requireEqual(
                members,
                "domain",
                ReceiptTypedData.domainJson(),
                "the domain {name: \"" + ReceiptTypedData.DOMAIN_NAME + "\", version: \""
                        + ReceiptTypedData.DOMAIN_VERSION + "\"}");
        requireEqual(
                members,
                "types",
                ReceiptTypedData.typesJson(),
                "the types EIP712Domain and " + ReceiptTypedData.RECEIPT_TYPE);
        requireEqual(
                members, "primaryType", new JsonString(ReceiptTypedData.PRIMARY_TYPE), ReceiptTypedData.PRIMARY_TYPE);
        WalletAddress signer = WalletAddress.of(members.address("signer"), "signer");
        long count = members.count("count");
        String sha256 = members.string("receiptsSha256");
        if (!SHA256.matcher(sha256).matches()) {
            throw new ReceiptFormatException(
                    "receiptsSha256", "'" + JsonMembers.abbreviate(sha256) + "' is not 64 lower-case hex digits");
        }
        Instant createdAt = createdAt(members.string("createdAt"));
        Optional<String> filter = members.optionalString("filter");
        if (filter.isPresent()) {
            try {
                checkFilter(filter.get());
            } catch (IllegalArgumentException e) {
                throw new ReceiptFormatException("filter", "must be 1-" + MAX_FILTER_LENGTH + " characters, not blank");
            }
        }

        JsonMembers signed =
                JsonMembers.of(members.value("manifestSignature"), "manifestSignature", SIGNATURE_MEMBERS, Set.of());
        requireEqual(signed, "types", ReceiptTypedData.typesJson(EXPORT), "the types EIP712Domain and " + EXPORT_TYPE);
        requireEqual(signed, "primaryType", new JsonString(EXPORT_PRIMARY_TYPE), EXPORT_PRIMARY_TYPE);
        String signature = signed.signature("signature");
        ExportManifest manifest = new ExportManifest(signer, count, sha256, createdAt, filter, signature);

        JsonMembers message =
                JsonMembers.of(signed.value("message"), "manifestSignature.message", MESSAGE_MEMBERS, Set.of());
        JsonObject expected = manifest.messageJson();
        for (String name : MESSAGE_MEMBERS) {
            JsonValue given = message.value(name);
            if (!given.equals(expected.get(name).orElseThrow())) {
                throw new ReceiptFormatException(
                        message.path(name),
                        JsonWriter.write(given) + " differs from the manifest's " + name + " ("
                                + JsonWriter.write(expected.get(name).orElseThrow()) + " expected)");
            }
        }
        return manifest;
    }

    /** The bytes of {@code manifest.json}: compact JSON and a final newline. */
    byte[] toBytes() {
        return (JsonWriter.write(toJson()) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Instant createdAt(String text) {
        try {
            Instant instant = Instant.parse(text);
            if (instant.toString().equals(text) && instant.getNano() == 0 && instant.getEpochSecond() >= 0) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // refused below with the expected form
        }
        throw new ReceiptFormatException(
                "createdAt",
                "'" + JsonMembers.abbreviate(text)
                        + "' is not an ISO-8601 UTC time in whole seconds since 1970 like 2025-01-31T12:00:00Z");
    }

    private static void requireEqual(JsonMembers members, String name, JsonValue expected, String description) {
        if (!members.value(name).equals(expected)) {
            throw new ReceiptFormatException(
                    members.path(name),
                    "is not " + description + " of format " + FORMAT + " version " + FORMAT_VERSION);
        }
    }
}
