package dev.agentmarketplace.x402.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.evm.PrivateKeySigner;
import dev.agentmarketplace.x402.receipt.VerificationReport.LineProblem;
import dev.agentmarketplace.x402.receipt.VerificationReport.SignerSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportVerifierTest {
    private static final Optional<WalletAddress> PLATFORM = Optional.of(SampleReceipts.KEY_ADDRESS);
    private static final String PLATFORM_SIGNER = SampleReceipts.KEY_ADDRESS.value();
    private static final String FOREIGN_SIGNER = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";
    private static final byte[] ZIP = Exports.zip(SampleReceipts.key(), SampleReceipts.ALL);

    private final ExportVerifier verifier = new ExportVerifier();

    @TempDir
    Path dir;

    private Path unpacked;

    @BeforeEach
    void unpack() throws IOException {
        unpacked = Exports.unpack(ZIP, dir.resolve("export"));
    }

    @Test
    void anIntactArchiveVerifiesAgainstTheGivenSigner() throws IOException {
        VerificationReport report = verifier.verify(Exports.write(ZIP, dir.resolve("export.zip")), PLATFORM);

        assertThat(report.ok()).isTrue();
        assertThat(report.lines()).isEqualTo(3);
        assertThat(report.goodLines()).isEqualTo(3);
        assertThat(report.signer()).isEqualTo(PLATFORM);
        assertThat(report.signerSource()).isEqualTo(SignerSource.GIVEN);
    }

    @Test
    void anIntactDirectoryVerifiesAgainstTheManifestsOwnSignerWhenNoneIsGiven() throws IOException {
        VerificationReport report = verifier.verify(unpacked, Optional.empty());

        assertThat(report.ok()).isTrue();
        assertThat(report.signer()).isEqualTo(PLATFORM);
        assertThat(report.signerSource()).isEqualTo(SignerSource.MANIFEST);
    }

    @Test
    void anEditedValueFailsItsLineAndTheHashOfTheFile() throws IOException {
        List<String> lines = Exports.lines(unpacked);
        lines.set(
                1,
                lines.get(1)
                        .replace(
                                "\"paid\":\"1230\",\"refunded\":\"0\",\"net\":\"1230\"",
                                "\"paid\":\"12300\",\"refunded\":\"0\",\"net\":\"12300\""));
        Exports.writeLines(unpacked, lines);

        VerificationReport report = verifier.verify(unpacked, PLATFORM);

        assertThat(lineNumbers(report)).containsExactly(2L);
        assertThat(report.lineProblems().getFirst().reason())
                .startsWith("the receipt signature recovers to 0x")
                .endsWith(", not to the expected signer " + PLATFORM_SIGNER
                        + " (another key signed it, or a signed field was altered)");
        assertThat(report.exportProblems())
                .singleElement()
                .asString()
                .startsWith("manifest.json: receiptsSha256 is ")
                .contains(" but receipts.jsonl hashes to ");
    }

    @Test
    void aCorruptedSignatureFailsItsLine() throws IOException {
        List<String> lines = Exports.lines(unpacked);
        String line = lines.get(2);
        int digit = line.indexOf("\"signature\":\"0x") + 21; // a hex digit of r
        lines.set(2, line.substring(0, digit) + (line.charAt(digit) == '0' ? '1' : '0') + line.substring(digit + 1));
        Exports.writeLines(unpacked, lines);

        VerificationReport report = verifier.verify(unpacked, PLATFORM);

        assertThat(lineNumbers(report)).containsExactly(3L);
        assertThat(report.lineProblems().getFirst().reason())
                .isEqualTo("the receipt signature recovers to 0xb849344C30775b2A75a51daB2e8f03e013D1c504, not to the"
                        + " expected signer " + PLATFORM_SIGNER
                        + " (another key signed it, or a signed field was altered)");
    }

    @Test
    void aRemovedLineShowsAsACountAndHashMismatchWhileTheRestVerify() throws IOException {
        List<String> lines = new ArrayList<>(Exports.lines(unpacked));
        lines.remove(1);
        Exports.writeLines(unpacked, lines);

        VerificationReport report = verifier.verify(unpacked, PLATFORM);

        assertThat(report.lineProblems()).isEmpty();
        assertThat(report.lines()).isEqualTo(2);
        assertThat(report.exportProblems())
                .hasSize(2)
                .first()
                .isEqualTo("manifest.json: count is 3 but receipts.jsonl has 2 lines");
        assertThat(report.exportProblems().get(1)).startsWith("manifest.json: receiptsSha256 is ");
    }

    @Test
    void anExportSignedByAnotherKeyFailsEveryLineAndTheManifestAgainstTheGivenSigner() throws IOException {
        byte[] foreign = Exports.zip(PrivateKeySigner.fromHex(SampleReceipts.OTHER_KEY), SampleReceipts.ALL);

        VerificationReport report = verifier.verify(Exports.write(foreign, dir.resolve("foreign.zip")), PLATFORM);

        String wrongKey = "signature recovers to " + FOREIGN_SIGNER + ", not to the expected signer " + PLATFORM_SIGNER
                + " (another key signed it, or a signed field was altered)";
        assertThat(report.exportProblems()).containsExactly("manifest.json: the manifest " + wrongKey);
        assertThat(report.lineProblems())
                .containsExactly(
                        new LineProblem(1, "the receipt " + wrongKey),
                        new LineProblem(2, "the receipt " + wrongKey),
                        new LineProblem(3, "the receipt " + wrongKey));
    }

    @Test
    void theSameForeignExportIsConsistentWithItselfWhenNoSignerIsGiven() throws IOException {
        byte[] foreign = Exports.zip(PrivateKeySigner.fromHex(SampleReceipts.OTHER_KEY), SampleReceipts.ALL);

        VerificationReport report =
                verifier.verify(Exports.write(foreign, dir.resolve("foreign.zip")), Optional.empty());

        assertThat(report.ok()).isTrue();
        assertThat(report.signer()).contains(WalletAddress.of(FOREIGN_SIGNER));
        assertThat(report.signerSource()).isEqualTo(SignerSource.MANIFEST);
    }

    @Test
    void garbageAndEmptyLinesAreReportedByNumber() throws IOException {
        List<String> lines = new ArrayList<>(Exports.lines(unpacked));
        lines.add(1, "garbage");
        lines.add(3, "");
        Exports.writeLines(unpacked, lines);

        VerificationReport report = verifier.verify(unpacked, PLATFORM);

        assertThat(report.lineProblems())
                .containsExactly(
                        new LineProblem(2, "not JSON: unexpected character 'g' at offset 0"),
                        new LineProblem(4, "empty line"));
        assertThat(report.lines()).isEqualTo(5);
        assertThat(report.goodLines()).isEqualTo(3);
        assertThat(report.exportProblems())
                .first()
                .isEqualTo("manifest.json: count is 3 but receipts.jsonl has 5 lines");
    }

    @Test
    void aLineWithAWrongMemberIsReportedWithTheMembersName() throws IOException {
        List<String> lines = Exports.lines(unpacked);
        lines.set(0, lines.get(0).replace("\"decimals\":6", "\"decimals\":\"6\""));
        Exports.writeLines(unpacked, lines);

        VerificationReport report = verifier.verify(unpacked, PLATFORM);

        assertThat(report.lineProblems())
                .containsExactly(new LineProblem(1, "decimals: expected an integer number, found a string"));
    }

    @Test
    void anOverlongLineIsReportedWithoutBeingRead() throws IOException {
        List<String> lines = new ArrayList<>(Exports.lines(unpacked));
        lines.set(2, "x".repeat(ReceiptJsonLine.MAX_BYTES * 5));
        Exports.writeLines(unpacked, lines);

        VerificationReport report = verifier.verify(unpacked, PLATFORM);

        assertThat(report.lineProblems()).containsExactly(new LineProblem(3, "longer than 16384 bytes"));
        assertThat(report.lines()).isEqualTo(3);
    }

    @Test
    void aLastLineWithoutItsLineFeedStillCountsButChangesTheHash() throws IOException {
        Path receipts = unpacked.resolve(ReceiptExport.RECEIPTS_ENTRY);
        String text = Files.readString(receipts);
        Files.writeString(receipts, text.substring(0, text.length() - 1));

        VerificationReport report = verifier.verify(unpacked, PLATFORM);

        assertThat(report.lines()).isEqualTo(3);
        assertThat(report.lineProblems()).isEmpty();
        assertThat(report.exportProblems()).singleElement().asString().startsWith("manifest.json: receiptsSha256 is ");
    }

    @Test
    void aManifestWhoseCountWasRaisedNoLongerVerifies() throws IOException {
        Path manifest = unpacked.resolve(ReceiptExport.MANIFEST_ENTRY);
        Files.writeString(
                manifest,
                Files.readString(manifest)
                        .replace("\"count\":3", "\"count\":4")
                        .replace("\"count\":\"3\"", "\"count\":\"4\""));

        VerificationReport report = verifier.verify(unpacked, PLATFORM);

        assertThat(report.exportProblems())
                .hasSize(2)
                .first()
                .asString()
                .startsWith("manifest.json: the manifest signature recovers to 0x")
                .endsWith("not to the expected signer " + PLATFORM_SIGNER
                        + " (another key signed it, or a signed field was altered)");
        assertThat(report.exportProblems().get(1))
                .isEqualTo("manifest.json: count is 4 but receipts.jsonl has 3 lines");
        assertThat(report.lineProblems()).isEmpty();
    }

    @Test
    void aMissingManifestIsAProblemAndTheLinesAreStillChecked() throws IOException {
        Files.delete(unpacked.resolve(ReceiptExport.MANIFEST_ENTRY));

        VerificationReport given = verifier.verify(unpacked, PLATFORM);
        VerificationReport unknown = verifier.verify(unpacked, Optional.empty());

        assertThat(given.exportProblems()).containsExactly("manifest.json: missing");
        assertThat(given.goodLines()).isEqualTo(3);
        assertThat(unknown.signerSource()).isEqualTo(SignerSource.NONE);
        assertThat(unknown.signer()).isEmpty();
        assertThat(unknown.exportProblems()).containsExactly("manifest.json: missing");
        assertThat(unknown.goodLines()).isEqualTo(3);
    }

    @Test
    void missingReceiptsAreAProblem() throws IOException {
        Files.delete(unpacked.resolve(ReceiptExport.RECEIPTS_ENTRY));

        VerificationReport report = verifier.verify(unpacked, PLATFORM);

        assertThat(report.exportProblems()).containsExactly("receipts.jsonl: missing");
        assertThat(report.lines()).isZero();
    }

    @Test
    void anArchiveWithAnotherEntryIsNotAsWritten() throws IOException {
        var entries = new LinkedHashMap<>(Exports.entries(ZIP));
        entries.put("README.txt", "trust me".getBytes(StandardCharsets.UTF_8));

        VerificationReport report =
                verifier.verify(Exports.write(Exports.zip(entries), dir.resolve("extra.zip")), PLATFORM);

        assertThat(report.exportProblems()).containsExactly("archive: unexpected entry 'README.txt'");
        assertThat(report.goodLines()).isEqualTo(3);
    }

    @Test
    void aTruncatedArchiveCannotBeRead() throws IOException {
        Path truncated = Exports.write(Arrays.copyOf(ZIP, ZIP.length / 2), dir.resolve("truncated.zip"));

        assertThatThrownBy(() -> verifier.verify(truncated, PLATFORM)).isInstanceOf(ZipException.class);
    }

    private static List<Long> lineNumbers(VerificationReport report) {
        return report.lineProblems().stream().map(LineProblem::line).toList();
    }
}
