package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Signed exports of settlement receipts for operators: writing one for a time range, and checking
 * an uploaded one against the platform's signer.
 */
public final class SettlementExports {
    /** How many lines a verification report lists one by one; the rest only count. */
    public static final int LISTED_LINES = 500;

    private final SettlementReceipts receipts;
    private final ReceiptExportWriter writer;
    private final ReceiptExportVerifier verifier;

    public SettlementExports(SettlementReceipts receipts, ReceiptExportWriter writer, ReceiptExportVerifier verifier) {
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * The export of every transaction created in {@code [from, to)} and settled, checked now and
     * written when the caller streams it.
     *
     * @throws InvalidValueException on field {@code to} unless {@code from} lies before {@code to}
     */
    public Export export(Caller operator, Instant from, Instant to) {
        operator.require(Role.OPERATOR);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new InvalidValueException("to", "must come after 'from'");
        }
        TransactionFilter filter = TransactionFilter.ALL.between(from, to);
        String description = "settled transactions, created from " + from + ", created before " + to;
        return out -> writer.write(out, description, sink -> receipts.export(filter, sink));
    }

    public ExportVerification verify(Caller operator, Path export) {
        operator.require(Role.OPERATOR);
        return verifier.verify(Objects.requireNonNull(export, "export"), LISTED_LINES);
    }

    /** An export ready to be written. */
    @FunctionalInterface
    public interface Export {
        void writeTo(OutputStream out) throws IOException;
    }
}
