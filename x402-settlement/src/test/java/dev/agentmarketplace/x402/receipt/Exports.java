package dev.agentmarketplace.x402.receipt;

import dev.agentmarketplace.core.payment.SettlementReceipt;
import dev.agentmarketplace.x402.evm.PrivateKeySigner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Writing, unpacking and repacking exports for the tests that tamper with them. */
final class Exports {
    static final Instant CREATED_AT = Instant.parse("2025-06-02T09:00:00Z");
    static final Clock CLOCK = Clock.fixed(CREATED_AT.plusMillis(250), ZoneOffset.UTC);

    private Exports() {}

    /** The export of {@code receipts}, each signed and the manifest signed by {@code key}. */
    static byte[] zip(PrivateKeySigner key, List<SettlementReceipt> receipts) {
        return zip(key, receipts, "test export");
    }

    static byte[] zip(PrivateKeySigner key, List<SettlementReceipt> receipts, String filter) {
        var signer = new Eip712ReceiptSigner(key);
        var out = new ByteArrayOutputStream();
        try {
            new ReceiptExport(key, CLOCK)
                    .write(
                            out,
                            Optional.of(filter),
                            sink -> receipts.stream().map(signer::sign).forEach(sink));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The entries of a ZIP, in archive order. */
    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** Unpacks {@code zip} into {@code directory}, the other form the verifier reads. */
    static Path unpack(byte[] zip, Path directory) throws IOException {
        Files.createDirectories(directory);
        for (var entry : entries(zip).entrySet()) {
            Files.write(directory.resolve(entry.getKey()), entry.getValue());
        }
        return directory;
    }

    static List<String> lines(Path directory) throws IOException {
        return Files.readAllLines(directory.resolve(ReceiptExport.RECEIPTS_ENTRY), StandardCharsets.UTF_8);
    }

    /** Rewrites {@code receipts.jsonl} from {@code lines}, each ending in a line feed. */
    static void writeLines(Path directory, List<String> lines) throws IOException {
        Files.writeString(
                directory.resolve(ReceiptExport.RECEIPTS_ENTRY),
                String.join("", lines.stream().map(line -> line + "\n").toList()),
                StandardCharsets.UTF_8);
    }

    static Path write(byte[] bytes, Path file) throws IOException {
        return Files.write(file, bytes);
    }
}
