package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.ledger.TransactionId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What checking an export of signed settlement receipts found.
 *
 * @param signer the address every signature had to recover to: the platform's
 * @param lines how many lines {@code receipts.jsonl} holds
 * @param badLines how many of them failed
 * @param exportProblems what is wrong with the export as a whole (the archive, the manifest, its
 *     signature, count or hash)
 * @param listed the first lines, one by one, in file order
 */
public record ExportVerification(
        String signer, long lines, long badLines, List<String> exportProblems, List<Line> listed) {
    public ExportVerification {
        Objects.requireNonNull(signer, "signer");
        exportProblems = List.copyOf(exportProblems);
        listed = List.copyOf(listed);
        if (badLines < 0 || badLines > lines || listed.size() > lines) {
            throw new IllegalArgumentException("bad and listed lines are among the lines");
        }
    }

    /** Whether the export is intact and every receipt in it verified. */
    public boolean ok() {
        return exportProblems.isEmpty() && badLines == 0;
    }

    /** Whether lines were left out of {@link #listed}. */
    public boolean truncated() {
        return listed.size() < lines;
    }

    /**
     * One line: its number from 1, the transaction its receipt names when it could be read, and why
     * it failed, if it did.
     */
    public record Line(long number, Optional<TransactionId> transaction, Optional<String> problem) {
        public Line {
            if (number < 1) {
                throw new IllegalArgumentException("line numbers start at 1, was " + number);
            }
            Objects.requireNonNull(transaction, "transaction");
            Objects.requireNonNull(problem, "problem");
        }

        public boolean ok() {
            return problem.isEmpty();
        }
    }
}
