package dev.agentmarketplace.x402.receipt;

import dev.agentmarketplace.core.registry.WalletAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ExportVerifier} found in one export.
 *
 * @param signer the address every signature was required to recover to; empty when neither the
 *     caller nor a readable manifest named one, and each line was then checked against its own {@code
 *     signer} member only
 * @param signerSource where {@code signer} came from: only {@link SignerSource#GIVEN} proves who
 *     signed, the manifest's own signer proves only that the export is consistent with itself
 * @param lines the number of lines in {@code receipts.jsonl}
 * @param exportProblems what is wrong with the export as a whole: the archive, the manifest, its
 *     signature, the count or the hash
 * @param lineProblems each bad line, in file order
 */
public record VerificationReport(
        Optional<WalletAddress> signer,
        SignerSource signerSource,
        long lines,
        List<String> exportProblems,
        List<LineProblem> lineProblems) {

    /** Where the expected signer came from. */
    public enum SignerSource {
        GIVEN,
        MANIFEST,
        NONE
    }

    /** A bad line, numbered from 1, and why. */
    public record LineProblem(long line, String reason) {
        public LineProblem {
            if (line < 1) {
                throw new IllegalArgumentException("line numbers start at 1, was " + line);
            }
            Objects.requireNonNull(reason, "reason");
        }
    }

    public VerificationReport {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(signerSource, "signerSource");
        if (signer.isPresent() == (signerSource == SignerSource.NONE)) {
            throw new IllegalArgumentException("a signer comes with its source, and only NONE comes without one");
        }
        exportProblems = List.copyOf(exportProblems);
        lineProblems = List.copyOf(lineProblems);
    }

    /** Whether the export is intact and every line verified. */
    public boolean ok() {
        return exportProblems.isEmpty() && lineProblems.isEmpty();
    }

    public long goodLines() {
        return lines - lineProblems.size();
    }
}
