package dev.agentmarketplace.api.transactions;

import dev.agentmarketplace.core.ledger.Ledger;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The optional body of a settlement. */
@Schema(name = "Settlement")
public record SettleTransactionRequest(
        @Schema(
                description = "The payment's settlement reference, such as the x402 facilitator's transaction hash",
                examples = "0x3f1c9e2b7a",
                nullable = true)
        @Size(min = 1, max = Ledger.MAX_SETTLEMENT_REFERENCE_LENGTH) String settlementReference) {}
