package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.access.Role;
import java.nio.file.Path;
import java.util.Objects;

/** Checks an uploaded export of signed settlement receipts against the platform's signer, for operators. */
public final class SettlementExports {
    /** How many lines a report lists one by one; the rest only count. */
    public static final int LISTED_LINES = 500;

    private final ReceiptExportVerifier verifier;

    public SettlementExports(ReceiptExportVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    public ExportVerification verify(Caller operator, Path export) {
        operator.require(Role.OPERATOR);
        return verifier.verify(Objects.requireNonNull(export, "export"), LISTED_LINES);
    }
}
