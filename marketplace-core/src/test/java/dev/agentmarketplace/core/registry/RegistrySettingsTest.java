package dev.agentmarketplace.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.InvalidValueException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrySettingsTest {

    @Test
    void defaultsAreANinetySecondLeaseAndBatchesOfFiveHundred() {
        assertThat(RegistrySettings.DEFAULTS.heartbeatLease()).isEqualTo(Duration.ofSeconds(90));
        assertThat(RegistrySettings.DEFAULTS.maxBatchSize()).isEqualTo(500);
    }

    @Test
    void leaseMustBePositive() {
        assertThatThrownBy(() -> new RegistrySettings(Duration.ZERO, 500))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("heartbeatLease");
                    assertThat(e.getMessage()).isEqualTo("heartbeatLease: must be positive, was PT0S");
                });
    }

    @Test
    void batchSizeMustBeFromOneToTenThousand() {
        assertThatThrownBy(() -> new RegistrySettings(Duration.ofSeconds(90), 0))
                .hasMessage("maxBatchSize: must be between 1 and 10000, was 0");
        assertThatThrownBy(() -> new RegistrySettings(Duration.ofSeconds(90), 10_001))
                .hasMessage("maxBatchSize: must be between 1 and 10000, was 10001");
    }
}
