package dev.agentmarketplace.x402.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.payment.SettlementReceipt;
import dev.agentmarketplace.core.payment.SignedReceipt;
import dev.agentmarketplace.x402.evm.PrivateKeySigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReceiptExportTest {
    private static final PrivateKeySigner KEY = SampleReceipts.key();
    private static final ReceiptExport EXPORT = new ReceiptExport(KEY, Exports.CLOCK);

    @Test
    void theArchiveHoldsOneLinePerReceiptThenTheManifest() throws IOException {
        Map<String, byte[]> entries = Exports.entries(Exports.zip(KEY, SampleReceipts.ALL));

        assertThat(entries.keySet()).containsExactly("receipts.jsonl", "manifest.json");
        String receipts = new String(entries.get("receipts.jsonl"), StandardCharsets.UTF_8);
        List<SignedReceipt> signed =
                SampleReceipts.ALL.stream().map(SampleReceipts.signer()::sign).toList();
        assertThat(receipts)
                .isEqualTo(ReceiptJsonLine.encode(signed.get(0)) + "\n" + ReceiptJsonLine.encode(signed.get(1)) + "\n"
                        + ReceiptJsonLine.encode(signed.get(2)) + "\n");
    }

    @Test
    void theManifestCountsTheLinesHashesTheirBytesAndIsSignedByThePlatform() throws Exception {
        var out = new ByteArrayOutputStream();
        ExportManifest written = EXPORT.write(
                out,
                Optional.of("settled in June"),
                sink -> SampleReceipts.ALL.stream()
                        .map(SampleReceipts.signer()::sign)
                        .forEach(sink));
        Map<String, byte[]> entries = Exports.entries(out.toByteArray());

        ExportManifest manifest = ExportManifest.parse(entries.get("manifest.json"));
        assertThat(manifest).isEqualTo(written);
        assertThat(manifest.count()).isEqualTo(3);
        assertThat(manifest.receiptsSha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(entries.get("receipts.jsonl"))));
        assertThat(manifest.createdAt()).isEqualTo(Exports.CREATED_AT);
        assertThat(manifest.filter()).contains("settled in June");
        assertThat(manifest.signer()).isEqualTo(SampleReceipts.KEY_ADDRESS);
        assertThat(ReceiptVerifier.recoverSigner(manifest)).isEqualTo(SampleReceipts.KEY_ADDRESS);
    }

    @Test
    void anEmptyExportHasNoLinesAndTheHashOfNothing() throws IOException {
        var out = new ByteArrayOutputStream();

        ExportManifest manifest = EXPORT.write(out, Optional.empty(), sink -> {});

        assertThat(manifest.count()).isZero();
        assertThat(manifest.receiptsSha256())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(manifest.filter()).isEmpty();
        assertThat(Exports.entries(out.toByteArray()).get("receipts.jsonl")).isEmpty();
    }

    @Test
    void aReceiptSignedByAnotherKeyIsRefused() {
        SignedReceipt foreign =
                new Eip712ReceiptSigner(PrivateKeySigner.fromHex(SampleReceipts.OTHER_KEY)).sign(SampleReceipts.X402);

        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> EXPORT.write(new ByteArrayOutputStream(), Optional.empty(), sink -> sink.accept(foreign)))
                .withMessage("the receipt of transaction 0b9f7c1e-3a5d-4e2b-9c8a-1f2e3d4c5b6a is signed by"
                        + " 0x2c7536E3605D9C16a7a3D7b1898e529396a65c23, not by this export's key"
                        + " 0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73");
    }

    @Test
    void aBlankFilterIsRefusedBeforeAnythingIsWritten() {
        var out = new ByteArrayOutputStream();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> EXPORT.write(out, Optional.of("  "), sink -> {}))
                .withMessage("filter: must be 1-1000 characters, not blank");
        assertThat(out.size()).isZero();
    }

    @Test
    void theCallersStreamIsFinishedButLeftOpen() throws IOException {
        var closed = new boolean[] {false};
        var out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        EXPORT.write(
                out,
                Optional.empty(),
                sink -> sink.accept(SampleReceipts.signer().sign(SampleReceipts.X402)));

        assertThat(closed[0]).isFalse();
        assertThat(Exports.entries(out.toByteArray())).containsOnlyKeys("receipts.jsonl", "manifest.json");
    }

    @Test
    void receiptsReachTheOutputAsTheyComeSoAFailingStreamStopsTheExportMidwayWithItsIOException() {
        // Accepts the entry header, then fails: the failure surfaces inside the sink, mid-stream.
        var failing = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 100) {
                    throw new IOException("connection reset");
                }
            }
        };
        var random = new Random(6);
        var signer = SampleReceipts.signer();
        int[] accepted = {0};

        assertThatThrownBy(() -> EXPORT.write(failing, Optional.empty(), sink -> {
                    // Distinct receipts, so that compression cannot hold them all back until the end.
                    for (int i = 0; i < 1000; i++) {
                        sink.accept(signer.sign(withJournalHash(SampleReceipts.X402, random)));
                        accepted[0]++;
                    }
                }))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("connection reset");
        assertThat(accepted[0]).isBetween(1, 999);
    }

    private static SettlementReceipt withJournalHash(SettlementReceipt r, Random random) {
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        return new SettlementReceipt(
                r.transactionId(),
                r.payer(),
                r.provider(),
                r.capability(),
                r.paid(),
                r.refunded(),
                r.method(),
                r.settledAt(),
                HexFormat.of().formatHex(hash));
    }
}
