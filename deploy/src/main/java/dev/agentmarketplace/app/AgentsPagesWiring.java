package dev.agentmarketplace.app;

import dev.agentmarketplace.core.discovery.AgentCatalog;
import dev.agentmarketplace.core.discovery.AgentListing;
import dev.agentmarketplace.core.registry.RegistrySettings;
import dev.agentmarketplace.core.reputation.ReputationPolicy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The core services behind the dashboard's agents pages (issue 12) that the API does not already wire. */
public class AgentsPagesWiring {

    /** Statuses follow the registry's lease, and unrated agents the prior, as discovery's do. */
    @Produces
    @Singleton
    AgentListing agentListing(AgentCatalog catalog, Clock clock, RegistrySettings registry) {
        return new AgentListing(catalog, registry.heartbeatLease(), ReputationPolicy.DEFAULTS, clock);
    }
}
