package dev.agentmarketplace.x402.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The example export the README verifies ({@code src/test/resources/receipts/example-export}): the
 * writer reproduces it byte for byte, so the documented format cannot drift unnoticed, and the
 * command accepts it. Its key is the public test key of the x402 digest.
 */
class ExampleExportTest {
    static final String FILTER = "example: the sample receipts settled 2025-05-29 to 2025-06-01";

    static Path example() throws URISyntaxException {
        return Path.of(ExampleExportTest.class
                        .getResource("/receipts/example-export/manifest.json")
                        .toURI())
                .getParent();
    }

    @Test
    void theWriterReproducesTheExampleExportByteForByte() throws Exception {
        Map<String, byte[]> written = Exports.entries(Exports.zip(SampleReceipts.key(), SampleReceipts.ALL, FILTER));

        assertThat(written.get("receipts.jsonl"))
                .isEqualTo(Files.readAllBytes(example().resolve("receipts.jsonl")));
        assertThat(new String(written.get("manifest.json"), StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(example().resolve("manifest.json")));
    }

    @Test
    void theReadmeCommandVerifiesTheExample() throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int status = VerifyExport.run(
                new String[] {
                    "--signer",
                    "0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73",
                    example().toString()
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("OK: ").contains(": 3 receipts, all signed by");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    /** {@code sha256sum receipts.jsonl} prints this hash too. */
    void theExampleManifestHoldsTheSha256OfTheExactLineBytes() throws IOException, URISyntaxException {
        ExportManifest manifest =
                ExportManifest.parse(Files.readAllBytes(example().resolve("manifest.json")));

        assertThat(manifest.receiptsSha256())
                .isEqualTo("01a67d5151f4388c5f050bb7a92c1dc98f811091f8af64b78fe6830e2b556a05");
    }
}
