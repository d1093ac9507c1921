package dev.agentmarketplace.x402.receipt;

import dev.agentmarketplace.core.payment.ExportVerification;
import dev.agentmarketplace.core.payment.ReceiptExportVerifier;
import dev.agentmarketplace.core.registry.WalletAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The core's {@link ReceiptExportVerifier} on {@link ExportVerifier}, with the platform's own signer
 * as the trusted one: an upload verifies only if the platform signed it. An unreadable upload (not a
 * ZIP, a truncated one) is a report with that problem, not an exception.
 */
public final class PlatformExportVerifier implements ReceiptExportVerifier {
    private final WalletAddress signer;

    public PlatformExportVerifier(WalletAddress signer) {
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    @Override
    public ExportVerification verify(Path export, int listedLines) {
        List<ExportVerification.Line> listed = new ArrayList<>();
        VerificationReport report;
        try {
            report = new ExportVerifier().verify(export, Optional.of(signer), (number, receipt, problem) -> {
                if (listed.size() < listedLines) {
                    listed.add(new ExportVerification.Line(
                            number, receipt.map(signed -> signed.receipt().transactionId()), problem));
                }
            });
        } catch (IOException e) {
            return new ExportVerification(
                    signer.value(),
                    0,
                    0,
                    List.of("the upload is not a readable export: not a ZIP archive, or a truncated or corrupt one"),
                    List.of());
        }
        return new ExportVerification(
                signer.value(), report.lines(), report.lineProblems().size(), report.exportProblems(), listed);
    }
}
