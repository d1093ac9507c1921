package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.RegistrySettings;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistryWiringIT {
    @Inject
    AgentRegistry registry;

    @Test
    void unconfiguredRegistryTakesTheCoreDefaults() {
        assertThat(registry.settings()).isEqualTo(RegistrySettings.DEFAULTS);
    }
}
