package dev.agentmarketplace.app;

import dev.agentmarketplace.core.registry.AgentCatalog;
import dev.agentmarketplace.core.registry.AgentRepository;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the framework-free core services from the adapters that implement their ports. */
public class DomainWiring {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    AgentCatalog agentCatalog(AgentRepository agents, Clock clock) {
        return new AgentCatalog(agents, clock);
    }
}
