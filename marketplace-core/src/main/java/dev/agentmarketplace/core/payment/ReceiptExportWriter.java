package dev.agentmarketplace.core.payment;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Port: writes an export of signed settlement receipts (a ZIP of {@code receipts.jsonl} and a
 * signed {@code manifest.json}) to {@code out}, without closing it.
 */
@FunctionalInterface
public interface ReceiptExportWriter {
    /**
     * @param description what the export covers, recorded in its manifest
     * @param receipts hands every receipt of the export to the sink it is given, in order
     */
    void write(OutputStream out, String description, Consumer<Consumer<SignedReceipt>> receipts) throws IOException;
}
