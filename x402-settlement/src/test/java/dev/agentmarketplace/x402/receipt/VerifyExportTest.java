package dev.agentmarketplace.x402.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyExportTest {
    private static final String PLATFORM = SampleReceipts.KEY_ADDRESS.value();
    private static final byte[] ZIP = Exports.zip(SampleReceipts.key(), SampleReceipts.ALL);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return VerifyExport.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anIntactExportVerifiedAgainstTheGivenSignerExitsZero() throws IOException {
        String zip = Exports.write(ZIP, dir.resolve("export.zip")).toString();

        assertThat(run("--signer", PLATFORM, zip)).isEqualTo(0);
        assertThat(out())
                .isEqualTo("OK: " + zip + ": 3 receipts, all signed by " + PLATFORM
                        + " (--signer); the manifest's signature, count and SHA-256 match\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void withoutSignerItExitsZeroButWarnsThatOnlyConsistencyIsProven() throws IOException {
        String zip = Exports.write(ZIP, dir.resolve("export.zip")).toString();

        assertThat(run(zip)).isEqualTo(0);
        assertThat(out())
                .startsWith("OK: " + zip + ": 3 receipts, all signed by " + PLATFORM + " (the manifest's own)");
        assertThat(err())
                .startsWith("warning: no --signer given")
                .contains("That proves only that the export is consistent with itself");
    }

    @Test
    void aTamperedExportExitsOneAndPrintsEachBadLineWithItsNumber() throws IOException {
        Path unpacked = Exports.unpack(ZIP, dir.resolve("export"));
        List<String> lines = Exports.lines(unpacked);
        lines.set(0, "garbage");
        lines.set(2, lines.get(2).replace("\"capability\":\"query optimisation\"", "\"capability\":\"query tuning\""));
        Exports.writeLines(unpacked, lines);

        assertThat(run("--signer", PLATFORM, unpacked.toString())).isEqualTo(1);
        List<String> printed = out().lines().toList();
        assertThat(printed).hasSize(4);
        assertThat(printed.get(0)).startsWith("manifest.json: receiptsSha256 is ");
        assertThat(printed.get(1)).isEqualTo("line 1: not JSON: unexpected character 'g' at offset 0");
        assertThat(printed.get(2)).startsWith("line 3: the receipt signature recovers to 0x");
        assertThat(printed.get(3))
                .isEqualTo("FAILED: " + unpacked + ": 3 lines, 2 bad; 1 problem(s) with the export as a whole;"
                        + " expected signer " + PLATFORM + " (--signer)");
    }

    @Test
    void aForeignSignerGivenOnTheCommandLineFailsAnOtherwiseIntactExport() throws IOException {
        String zip = Exports.write(ZIP, dir.resolve("export.zip")).toString();

        assertThat(run("--signer", "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", zip))
                .isEqualTo(1);
        assertThat(out()).contains("line 1: ", "line 2: ", "line 3: ", "FAILED: ");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("--signer")).isEqualTo(2);
        assertThat(run("--verbose", "export.zip")).isEqualTo(2);
        assertThat(run("a.zip", "b.zip")).isEqualTo(2);
        assertThat(run("--signer", PLATFORM, "--signer", PLATFORM, "a.zip")).isEqualTo(2);
        assertThat(err().lines().filter(line -> line.startsWith("usage: ")).count())
                .isEqualTo(5);
        assertThat(err())
                .contains(
                        "no export given",
                        "--signer takes one address, given once",
                        "unknown option --verbose",
                        "one export at a time");
        assertThat(out()).isEmpty();
    }

    @Test
    void aSignerAddressWithABadChecksumIsAUsageError() {
        assertThat(run("--signer", "0x2980BC24bBFB34DE1BBC91479Cb712ffbCE02F73", "export.zip"))
                .isEqualTo(2);
        assertThat(err())
                .startsWith("--signer: '0x2980BC24bBFB34DE1BBC91479Cb712ffbCE02F73' fails its EIP-55 checksum"
                        + " (expected " + PLATFORM + ")");
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out())
                .isEqualTo("usage: java -cp <classpath> dev.agentmarketplace.x402.receipt.VerifyExport"
                        + " [--signer 0xADDRESS] <export.zip | directory>\n");
    }

    @Test
    void aMissingInputExitsTwo() {
        String missing = dir.resolve("absent.zip").toString();

        assertThat(run("--signer", PLATFORM, missing)).isEqualTo(2);
        assertThat(err()).isEqualTo("cannot read " + missing + ": no such file or directory\n");
    }

    @Test
    void aTruncatedArchiveExitsTwo() throws IOException {
        String truncated = Exports.write(Arrays.copyOf(ZIP, ZIP.length - 30), dir.resolve("truncated.zip"))
                .toString();

        assertThat(run("--signer", PLATFORM, truncated)).isEqualTo(2);
        assertThat(err())
                .startsWith("cannot read " + truncated + ": not a ZIP archive, or a truncated or corrupt one (");
        assertThat(out()).isEmpty();
    }
}
