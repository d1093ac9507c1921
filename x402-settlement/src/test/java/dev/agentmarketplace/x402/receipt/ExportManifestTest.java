package dev.agentmarketplace.x402.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.x402.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportManifestTest {
    private static final String SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final ExportManifest MANIFEST = sign(0, SHA, Instant.parse("2025-06-02T09:00:00Z"));

    /** A manifest signed, as the export writer signs it, by the known test key. */
    static ExportManifest sign(long count, String sha, Instant createdAt) {
        String signature = SampleReceipts.key()
                .signTypedData(ReceiptTypedData.domainSeparator(), ExportManifest.structHash(count, sha, createdAt))
                .toHex();
        return new ExportManifest(
                SampleReceipts.KEY_ADDRESS, count, sha, createdAt, Optional.of("all of June"), signature);
    }

    private static String json() {
        return new String(MANIFEST.toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theManifestCarriesTheReceiptTypesAndTheCompleteTypedDataOfItsOwnSignature() {
        assertThat(json())
                .isEqualTo("{\"format\":\"agent-marketplace/settlement-receipts\",\"formatVersion\":2,"
                        + "\"domain\":{\"name\":\"Agent Marketplace\",\"version\":\"1\"},"
                        + "\"types\":" + JsonWriter.write(ReceiptTypedData.typesJson()) + ","
                        + "\"primaryType\":\"SettlementReceipt\","
                        + "\"signer\":\"0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73\",\"count\":0,"
                        + "\"receiptsSha256\":\"" + SHA + "\",\"createdAt\":\"2025-06-02T09:00:00Z\","
                        + "\"filter\":\"all of June\","
                        + "\"manifestSignature\":{\"types\":{\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},"
                        + "{\"name\":\"version\",\"type\":\"string\"}],"
                        + "\"SettlementExport\":[{\"name\":\"count\",\"type\":\"uint256\"},"
                        + "{\"name\":\"receiptsSha256\",\"type\":\"bytes32\"},"
                        + "{\"name\":\"createdAt\",\"type\":\"uint256\"}]},"
                        + "\"primaryType\":\"SettlementExport\","
                        + "\"message\":{\"count\":\"0\",\"receiptsSha256\":\"0x" + SHA + "\","
                        + "\"createdAt\":\"1748854800\"},"
                        + "\"signature\":\"" + MANIFEST.signature() + "\"}}\n");
    }

    @Test
    void aManifestReadsBackAsItself() {
        assertThat(ExportManifest.parse(MANIFEST.toBytes())).isEqualTo(MANIFEST);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "\"format\":\"agent-marketplace/settlement-receipts\" | \"format\":\"other\" | format"
                        + " | 'other' is not agent-marketplace/settlement-receipts",
                "\"formatVersion\":2 | \"formatVersion\":1 | formatVersion | 1 is not a version this verifier reads (2)",
                "\"version\":\"1\"} | \"version\":\"2\"} | domain"
                        + " | is not the domain {name: \"Agent Marketplace\", version: \"1\"} of format"
                        + " agent-marketplace/settlement-receipts version 2",
                "\"type\":\"uint8\" | \"type\":\"uint256\" | types"
                        + " | is not the types EIP712Domain and " + ReceiptTypedData.RECEIPT_TYPE + " of format"
                        + " agent-marketplace/settlement-receipts version 2",
                "\"count\":0 | \"count\":\"0\" | count | expected an integer number, found a string",
                "\"count\":\"0\" | \"count\":\"1\" | manifestSignature.message.count"
                        + " | \"1\" differs from the manifest's count (\"0\" expected)",
                "\"createdAt\":\"2025-06-02T09:00:00Z\" | \"createdAt\":\"2025-06-02T09:00:00.000Z\" | createdAt"
                        + " | '2025-06-02T09:00:00.000Z' is not an ISO-8601 UTC time in whole seconds since 1970 like"
                        + " 2025-01-31T12:00:00Z",
                "\"filter\":\"all of June\" | \"filter\":\"\" | filter | must be 1-1000 characters, not blank",
                "\"filter\":\"all of June\" | \"filter\":\"all of June\",\"extra\":true | extra | unknown member",
                "\"primaryType\":\"SettlementExport\" | \"primaryType\":\"SettlementReceipt\""
                        + " | manifestSignature.primaryType"
                        + " | is not SettlementExport of format agent-marketplace/settlement-receipts version 2",
            })
    void aManifestOutsideTheFormatIsRefusedByMember(
            String original, String replacement, String member, String problem) {
        String tampered = json().replace(original, replacement);
        assertThat(tampered).isNotEqualTo(json());

        assertThatThrownBy(() -> ExportManifest.parse(tampered.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        ReceiptFormatException.class,
                        e -> assertThat(e.member()).isEqualTo(member))
                .hasMessage(member + ": " + problem);
    }
}
