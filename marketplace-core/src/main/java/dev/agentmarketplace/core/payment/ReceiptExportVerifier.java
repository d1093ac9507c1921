package dev.agentmarketplace.core.payment;

import java.nio.file.Path;

/**
 * Port: checks an export of signed settlement receipts (as {@code GET /api/v1/settlements/export}
 * writes it) against the platform's own signer: the manifest's signature, count and hash, and every
 * receipt's signature. It never throws for a bad export; what is wrong is in the report.
 */
@FunctionalInterface
public interface ReceiptExportVerifier {
    /**
     * @param export the uploaded file (a ZIP)
     * @param listedLines how many lines the report lists one by one, from the first; every bad line
     *     counts in {@link ExportVerification#badLines} whether listed or not
     */
    ExportVerification verify(Path export, int listedLines);
}
