package dev.agentmarketplace.x402.receipt;

import dev.agentmarketplace.core.payment.SignedReceipt;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.receipt.VerificationReport.LineProblem;
import dev.agentmarketplace.x402.receipt.VerificationReport.SignerSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Verifies a receipt export offline, as {@link ReceiptExport} wrote it: the manifest (format, its
 * signature, the line count and the SHA-256 of {@code receipts.jsonl}) and every line (its format and
 * that its signature recovers to the expected signer). It reads the lines as a stream and keeps only
 * the problems it finds.
 *
 * <p>The input is the ZIP, read through its central directory as unzip tools do, or a directory
 * holding the two files unpacked.
 */
public final class ExportVerifier {
    private static final int CHUNK = 64 * 1024;

    /**
     * @param trustedSigner the platform's published signer address; when empty, the manifest's own
     *     signer is used, which proves only that the export is consistent with itself
     * @throws IOException if {@code export} cannot be read: it does not exist, is not a ZIP or a
     *     directory, or the archive is truncated or corrupt
     */
    public VerificationReport verify(Path export, Optional<WalletAddress> trustedSigner) throws IOException {
        return verify(export, trustedSigner, LineListener.NONE);
    }

    /**
     * As {@link #verify(Path, Optional)}, telling {@code listener} about every line of {@code
     * receipts.jsonl} as it is checked, good or bad, in file order.
     */
    public VerificationReport verify(Path export, Optional<WalletAddress> trustedSigner, LineListener listener)
            throws IOException {
        if (Files.isDirectory(export)) {
            return verify(new DirectoryExport(export), trustedSigner, listener);
        }
        try (ZipFile zip = new ZipFile(export.toFile())) {
            return verify(new ZipExport(zip), trustedSigner, listener);
        }
    }

    /** Told about each line: its number from 1, the receipt when it could be read, and its problem if any. */
    @FunctionalInterface
    public interface LineListener {
        LineListener NONE = (number, receipt, problem) -> {};

        void line(long number, Optional<SignedReceipt> receipt, Optional<String> problem);
    }

    private VerificationReport verify(Entries entries, Optional<WalletAddress> trustedSigner, LineListener listener)
            throws IOException {
        List<String> problems = new ArrayList<>(entries.problems());
        Optional<ExportManifest> manifest = manifest(entries, problems);
        Optional<WalletAddress> signer = trustedSigner.or(() -> manifest.map(ExportManifest::signer));
        SignerSource source = trustedSigner.isPresent()
                ? SignerSource.GIVEN
                : manifest.isPresent() ? SignerSource.MANIFEST : SignerSource.NONE;
        manifest.ifPresent(m -> {
            try {
                new ReceiptVerifier(signer.orElseThrow()).verify(m);
            } catch (ReceiptSignatureException e) {
                problems.add(ReceiptExport.MANIFEST_ENTRY + ": " + e.getMessage());
            }
        });

        Optional<InputStream> receipts = entries.open(ReceiptExport.RECEIPTS_ENTRY);
        if (receipts.isEmpty()) {
            problems.add(ReceiptExport.RECEIPTS_ENTRY + ": missing");
            return new VerificationReport(signer, source, 0, problems, List.of());
        }
        Lines lines = new Lines(signer, listener);
        try (InputStream in = receipts.get()) {
            lines.read(in);
        }
        manifest.ifPresent(m -> {
            if (m.count() != lines.count) {
                problems.add(ReceiptExport.MANIFEST_ENTRY + ": count is " + m.count() + " but "
                        + ReceiptExport.RECEIPTS_ENTRY + " has " + lines.count + " lines");
            }
            if (!m.receiptsSha256().equals(lines.sha256())) {
                problems.add(ReceiptExport.MANIFEST_ENTRY + ": receiptsSha256 is " + m.receiptsSha256() + " but "
                        + ReceiptExport.RECEIPTS_ENTRY + " hashes to " + lines.sha256());
            }
        });
        return new VerificationReport(signer, source, lines.count, problems, lines.problems);
    }

    private static Optional<ExportManifest> manifest(Entries entries, List<String> problems) throws IOException {
        Optional<InputStream> opened = entries.open(ReceiptExport.MANIFEST_ENTRY);
        if (opened.isEmpty()) {
            problems.add(ReceiptExport.MANIFEST_ENTRY + ": missing");
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = opened.get()) {
            bytes = in.readNBytes(ExportManifest.MAX_BYTES + 1);
        }
        if (bytes.length > ExportManifest.MAX_BYTES) {
            problems.add(ReceiptExport.MANIFEST_ENTRY + ": larger than " + ExportManifest.MAX_BYTES + " bytes");
            return Optional.empty();
        }
        try {
            return Optional.of(ExportManifest.parse(bytes));
        } catch (ReceiptFormatException e) {
            problems.add(ReceiptExport.MANIFEST_ENTRY + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Splits {@code receipts.jsonl} into lines while hashing its exact bytes, and checks each line. */
    private static final class Lines {
        private final Optional<WalletAddress> signer;
        private final LineListener listener;
        private final MessageDigest digest = ReceiptExport.sha256();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final List<LineProblem> problems = new ArrayList<>();
        private boolean tooLong;
        private long count;
        private String sha256;

        Lines(Optional<WalletAddress> signer, LineListener listener) {
            this.signer = signer;
            this.listener = listener;
        }

        void read(InputStream in) throws IOException {
            byte[] buffer = new byte[CHUNK];
            int read;
            while ((read = in.read(buffer)) != -1) {
                digest.update(buffer, 0, read);
                int start = 0;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        append(buffer, start, i - start);
                        endLine();
                        start = i + 1;
                    }
                }
                append(buffer, start, read - start);
            }
            // A last line without its line feed still counts (and changes the hash).
            if (line.size() > 0 || tooLong) {
                endLine();
            }
            sha256 = HexFormat.of().formatHex(digest.digest());
        }

        String sha256() {
            return sha256;
        }

        private void append(byte[] buffer, int offset, int length) {
            if (tooLong || line.size() + length > ReceiptJsonLine.MAX_BYTES) {
                tooLong = true;
                return;
            }
            line.write(buffer, offset, length);
        }

        private void endLine() {
            count++;
            if (tooLong) {
                bad(Optional.empty(), "longer than " + ReceiptJsonLine.MAX_BYTES + " bytes");
            } else if (line.size() == 0) {
                bad(Optional.empty(), "empty line");
            } else {
                check(line.toByteArray());
            }
            line.reset();
            tooLong = false;
        }

        private void bad(Optional<SignedReceipt> receipt, String reason) {
            problems.add(new LineProblem(count, reason));
            listener.line(count, receipt, Optional.of(reason));
        }

        private void check(byte[] bytes) {
            SignedReceipt receipt;
            try {
                receipt = ReceiptJsonLine.decode(bytes);
            } catch (ReceiptFormatException e) {
                bad(Optional.empty(), e.getMessage());
                return;
            }
            try {
                new ReceiptVerifier(signer.orElse(receipt.signer())).verify(receipt);
                listener.line(count, Optional.of(receipt), Optional.empty());
            } catch (ReceiptSignatureException e) {
                bad(Optional.of(receipt), e.getMessage());
            }
        }
    }

    /** The two files of an export, wherever they are stored, and what is wrong with the storage itself. */
    private interface Entries {
        List<String> problems();

        Optional<InputStream> open(String name) throws IOException;
    }

    private record DirectoryExport(Path directory) implements Entries {
        @Override
        public List<String> problems() {
            return List.of();
        }

        @Override
        public Optional<InputStream> open(String name) throws IOException {
            Path file = directory.resolve(name);
            return Files.isRegularFile(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
        }
    }

    private record ZipExport(ZipFile zip) implements Entries {
        /** Anything but the two entries, or either of them twice, means the archive is not as written. */
        @Override
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName();
                if (!name.equals(ReceiptExport.RECEIPTS_ENTRY) && !name.equals(ReceiptExport.MANIFEST_ENTRY)) {
                    problems.add("archive: unexpected entry '" + JsonMembers.abbreviate(name) + "'");
                } else if (!seen.add(name)) {
                    problems.add("archive: entry '" + name + "' appears more than once");
                }
            }
            return problems;
        }

        @Override
        public Optional<InputStream> open(String name) throws IOException {
            ZipEntry entry = zip.getEntry(name);
            return entry == null || entry.isDirectory() ? Optional.empty() : Optional.of(zip.getInputStream(entry));
        }
    }
}
