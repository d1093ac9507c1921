package dev.agentmarketplace.api.payment;

import dev.agentmarketplace.api.transactions.TransactionView;
import dev.agentmarketplace.core.payment.PaidHire;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A hire paid through x402: the ledger's transaction and the payment that decides it. */
@Schema(name = "PaidHireResult")
public record PaidHireView(TransactionView transaction, PaymentView payment) {
    public static PaidHireView of(PaidHire hire) {
        return new PaidHireView(TransactionView.of(hire.transaction()), PaymentView.of(hire.payment()));
    }
}
