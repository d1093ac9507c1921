package dev.agentmarketplace.core.ledger;

/**
 * Port: hears every hire that settles (by its payer, an operator, the platform or its x402
 * payment), so reputation can count it as a successful task of the provider (issue 11). Called
 * inside the unit of work that settles, after the ledger has locked the transaction's agents and
 * before it takes the journal head (lock order, see the core's README): what the listener stores
 * commits with the settlement, and it may lock only those agents, never the journal.
 */
@FunctionalInterface
public interface SettlementListener {
    void settled(Transaction settled);

    /** For deployments (and tests) that do not track reputation. */
    SettlementListener NONE = settled -> {};
}
