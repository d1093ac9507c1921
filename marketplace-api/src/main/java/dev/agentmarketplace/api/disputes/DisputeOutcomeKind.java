package dev.agentmarketplace.api.disputes;

import dev.agentmarketplace.core.ledger.DisputeOutcome;

/** How a dispute ends, as the API names it; only a partial refund carries an amount. */
public enum DisputeOutcomeKind {
    /** The provider keeps the payment. */
    PROVIDER_UPHELD,
    /** The payer gets the whole amount back. */
    FULL_REFUND,
    /** The payer gets part of the amount back. */
    PARTIAL_REFUND;

    static DisputeOutcomeKind of(DisputeOutcome outcome) {
        return switch (outcome) {
            case DisputeOutcome.ProviderUpheld upheld -> PROVIDER_UPHELD;
            case DisputeOutcome.FullRefund full -> FULL_REFUND;
            case DisputeOutcome.PartialRefund partial -> PARTIAL_REFUND;
        };
    }
}
