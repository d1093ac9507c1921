package dev.agentmarketplace.core.ledger;

/** Which side of a transaction an agent is looked up on in history queries. */
public enum PartyRole {
    PAYER,
    PROVIDER,
    EITHER
}
