package dev.agentmarketplace.core.discovery;

/** Orders of a search; ties are always broken by agent id, ascending, so pages are stable. */
public enum SearchSort {
    /** Reputation score, highest first. */
    REPUTATION,
    /**
     * Price, cheapest first, within the search's currency: {@link AgentDiscovery#search} needs one,
     * as amounts of different currencies are not comparable (issue 11). A port asked without one
     * groups prices by currency code.
     */
    PRICE,
    /** Load (hires in the last hour ÷ capacity per hour), least loaded first. */
    LOAD
}
