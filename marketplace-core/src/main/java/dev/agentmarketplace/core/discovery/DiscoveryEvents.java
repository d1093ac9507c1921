package dev.agentmarketplace.core.discovery;

/** Port: which discovery queries were answered, for observers such as metrics. */
public interface DiscoveryEvents {
    DiscoveryEvents NONE = new DiscoveryEvents() {};

    default void queried(Query query) {}

    enum Query {
        SEARCH,
        RECOMMEND,
        SELECT,
        ANALYTICS
    }
}
