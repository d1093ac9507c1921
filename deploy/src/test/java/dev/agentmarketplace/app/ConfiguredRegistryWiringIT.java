package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.registry.AgentRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ConfiguredRegistryWiringIT.ShortLease.class)
class ConfiguredRegistryWiringIT {
    @Inject
    AgentRegistry registry;

    @Test
    void registrySettingsComeFromTheMarketplaceRegistryProperties() {
        assertThat(registry.settings().heartbeatLease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(registry.settings().maxBatchSize()).isEqualTo(50);
    }

    public static class ShortLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("marketplace.registry.heartbeat-lease", "30s", "marketplace.registry.max-batch-size", "50");
        }
    }
}
