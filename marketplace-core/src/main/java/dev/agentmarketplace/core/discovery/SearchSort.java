package dev.agentmarketplace.core.discovery;

/** Orders of a search; ties are always broken by agent id, ascending, so pages are stable. */
public enum SearchSort {
    /** Reputation score, highest first. */
    REPUTATION,
    /** Price, cheapest first; prices of different currencies are grouped by currency code. */
    PRICE,
    /** Load (hires in the last hour ÷ capacity per hour), least loaded first. */
    LOAD
}
