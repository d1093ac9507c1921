package dev.agentmarketplace.core.ledger;

/** Why money moved, modelled on two-phase transfers: a hold, then its posting or its void. */
public enum EntryKind {
    /** The hire: payer to escrow. */
    HOLD,
    /** Settlement: escrow to the provider, minus the platform fee. */
    SETTLE,
    /** Cancellation: escrow back to the payer. */
    VOID,
    /** The hold timed out unsettled: escrow back to the payer. */
    EXPIRE,
    /** A dispute's outcome: whatever movement the outcome requires. */
    RESOLVE
}
