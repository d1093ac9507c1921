package dev.agentmarketplace.x402.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.payment.ExportVerification;
import dev.agentmarketplace.core.payment.SettlementReceipt;
import dev.agentmarketplace.core.registry.WalletAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformExportVerifierTest {
    private static final byte[] ZIP = Exports.zip(SampleReceipts.key(), SampleReceipts.ALL);

    @TempDir
    Path dir;

    @Test
    void platformsOwnExportVerifiesReceiptByReceipt() throws IOException {
        ExportVerification result = new PlatformExportVerifier(SampleReceipts.KEY_ADDRESS)
                .verify(Exports.write(ZIP, dir.resolve("export.zip")), 10);

        assertThat(result.ok()).isTrue();
        assertThat(result.lines()).isEqualTo(3);
        assertThat(result.signer()).isEqualTo(SampleReceipts.KEY_ADDRESS.value());
        assertThat(result.listed()).extracting(ExportVerification.Line::number).containsExactly(1L, 2L, 3L);
        assertThat(result.listed())
                .extracting(line -> line.transaction().orElseThrow())
                .containsExactlyElementsOf(SampleReceipts.ALL.stream()
                        .map(SettlementReceipt::transactionId)
                        .toList());
        assertThat(result.listed()).allMatch(ExportVerification.Line::ok);
    }

    @Test
    void exportSignedByAnotherKeyFailsEveryReceiptAndTheManifest() throws IOException {
        WalletAddress someoneElse = WalletAddress.of("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");

        ExportVerification result =
                new PlatformExportVerifier(someoneElse).verify(Exports.write(ZIP, dir.resolve("export.zip")), 10);

        assertThat(result.ok()).isFalse();
        assertThat(result.badLines()).isEqualTo(3);
        assertThat(result.exportProblems()).isNotEmpty();
        assertThat(result.listed()).noneMatch(ExportVerification.Line::ok);
        assertThat(result.listed().getFirst().problem().orElseThrow()).contains("not to the expected signer");
    }

    @Test
    void onlyTheFirstLinesAreListedButEveryBadLineCounts() throws IOException {
        Path unpacked = Exports.unpack(ZIP, dir.resolve("export"));
        List<String> lines = Exports.lines(unpacked);
        lines.set(2, "{\"not\":\"a receipt\"}");
        Exports.writeLines(unpacked, lines);

        ExportVerification result = new PlatformExportVerifier(SampleReceipts.KEY_ADDRESS).verify(unpacked, 1);

        assertThat(result.listed()).hasSize(1);
        assertThat(result.truncated()).isTrue();
        assertThat(result.badLines()).isEqualTo(1);
        assertThat(result.ok()).isFalse();
    }

    @Test
    void uploadThatIsNoZipIsAReportNotAnError() throws IOException {
        Path notAZip = Files.writeString(dir.resolve("notes.zip"), "hello", StandardCharsets.UTF_8);

        ExportVerification result = new PlatformExportVerifier(SampleReceipts.KEY_ADDRESS).verify(notAZip, 10);

        assertThat(result.ok()).isFalse();
        assertThat(result.lines()).isZero();
        assertThat(result.exportProblems()).singleElement().asString().contains("not a readable export");
    }
}
