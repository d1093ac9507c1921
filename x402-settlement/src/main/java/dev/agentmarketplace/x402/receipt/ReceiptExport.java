package dev.agentmarketplace.x402.receipt;

import dev.agentmarketplace.core.payment.SignedReceipt;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.evm.PrivateKeySigner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a receipt export: a ZIP with {@value #RECEIPTS_ENTRY}, one signed receipt per line ({@link
 * ReceiptJsonLine}, each ending in a line feed), then {@value #MANIFEST_ENTRY} ({@link
 * ExportManifest}), which counts the lines and signs the SHA-256 of their exact bytes.
 *
 * <p>It streams: each receipt is encoded, hashed and compressed as it arrives and then forgotten, so
 * an export of any size needs the memory of one line, and the archive can go straight into an HTTP
 * response.
 */
public final class ReceiptExport {
    public static final String RECEIPTS_ENTRY = "receipts.jsonl";
    public static final String MANIFEST_ENTRY = "manifest.json";

    /** The receipts of one export, handed to a sink one at a time and in order (as {@code SettlementReceipts.export} does). */
    @FunctionalInterface
    public interface Source {
        void forEach(Consumer<SignedReceipt> sink);
    }

    private final PrivateKeySigner key;
    private final WalletAddress signer;
    private final Clock clock;

    /**
     * @param key the platform key: it signs the manifest, and every receipt must be signed by it
     * @param clock gives the export's {@code createdAt}
     */
    public ReceiptExport(PrivateKeySigner key, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.signer = WalletAddress.of(key.address().value(), "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Writes the export of {@code receipts} to {@code out} and finishes the ZIP, without closing
     * {@code out}. If {@code receipts} fails part way, the exception propagates and {@code out} holds
     * an unfinished archive that no reader accepts.
     *
     * @param filter a free-form description of the selection, 1-{@value ExportManifest#MAX_FILTER_LENGTH}
     *     characters, copied into the manifest
     * @return the manifest written
     * @throws IllegalArgumentException if a receipt is signed by another key than this export's
     */
    public ExportManifest write(OutputStream out, Optional<String> filter, Source receipts) throws IOException {
        Objects.requireNonNull(filter, "filter").ifPresent(ExportManifest::checkFilter);
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        // Not closed: that would close out, which belongs to the caller.
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.putNextEntry(entry(RECEIPTS_ENTRY, createdAt));
        MessageDigest sha256 = sha256();
        long[] count = {0};
        try {
            receipts.forEach(receipt -> {
                if (!receipt.signer().equals(signer)) {
                    throw new IllegalArgumentException(
                            "the receipt of transaction " + receipt.receipt().transactionId() + " is signed by "
                                    + receipt.signer() + ", not by this export's key " + signer);
                }
                byte[] line = (ReceiptJsonLine.encode(receipt) + "\n").getBytes(StandardCharsets.UTF_8);
                sha256.update(line);
                try {
                    zip.write(line);
                } catch (IOException e) {
                    throw new WriteFailed(e);
                }
                count[0]++;
            });
        } catch (WriteFailed e) {
            throw e.getCause();
        }
        zip.closeEntry();
        String receiptsSha256 = HexFormat.of().formatHex(sha256.digest());
        String signature = key.signTypedData(
                        ReceiptTypedData.domainSeparator(),
                        ExportManifest.structHash(count[0], receiptsSha256, createdAt))
                .toHex();
        ExportManifest manifest = new ExportManifest(signer, count[0], receiptsSha256, createdAt, filter, signature);
        zip.putNextEntry(entry(MANIFEST_ENTRY, createdAt));
        zip.write(manifest.toBytes());
        zip.closeEntry();
        zip.finish();
        return manifest;
    }

    /** Entry times in UTC, so that the archive does not depend on the writing machine's time zone. */
    private static ZipEntry entry(String name, Instant createdAt) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC));
        return entry;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256 (MessageDigest specification)", e);
        }
    }

    /** Carries an I/O failure of the ZIP out of the sink, which cannot throw it. */
    private static final class WriteFailed extends RuntimeException {
        WriteFailed(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
