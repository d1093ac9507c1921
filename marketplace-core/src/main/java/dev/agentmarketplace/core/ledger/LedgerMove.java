package dev.agentmarketplace.core.ledger;

import java.util.Locale;

/** A move a transaction can be asked to make; {@link TransitionTable} says from where it is legal. */
public enum LedgerMove {
    SETTLE,
    CANCEL,
    /** The hold timed out: a cancellation made by the platform. */
    EXPIRE,
    DISPUTE,
    RESOLVE;

    public String verb() {
        return name().toLowerCase(Locale.ROOT);
    }
}
