package dev.agentmarketplace.app;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.RegistrySettings;
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
    RegistrySettings registrySettings(RegistryConfig config) {
        return new RegistrySettings(
                config.heartbeatLease().orElse(RegistrySettings.DEFAULT_HEARTBEAT_LEASE),
                config.maxBatchSize().orElse(RegistrySettings.DEFAULT_MAX_BATCH_SIZE));
    }

    @Produces
    @Singleton
    AgentRegistry agentRegistry(AgentRepository agents, UnitOfWork unitOfWork, Clock clock, RegistrySettings settings) {
        return new AgentRegistry(agents, unitOfWork, clock, settings);
    }
}
