package dev.agentmarketplace.app;

import dev.agentmarketplace.core.discovery.AgentCatalog;
import dev.agentmarketplace.core.discovery.AgentListing;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.oversight.AgentOversight;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.RegistrySettings;
import dev.agentmarketplace.core.reputation.ReputationPolicy;
import dev.agentmarketplace.core.reputation.ReputationService;
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

    @Produces
    @Singleton
    AgentOversight agentOversight(
            AgentRegistry registry,
            Ledger ledger,
            ReputationService reputation,
            TransactionQueries transactions,
            Clock clock) {
        return new AgentOversight(registry, ledger, reputation, transactions, clock);
    }
}
