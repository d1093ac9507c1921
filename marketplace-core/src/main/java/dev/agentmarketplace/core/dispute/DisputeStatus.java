package dev.agentmarketplace.core.dispute;

/** A dispute is open until it is resolved, by an operator or by a rule; RESOLVED is final. */
public enum DisputeStatus {
    OPEN,
    RESOLVED
}
