package dev.agentmarketplace.api.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.api.http.Amount;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.Metadata;
import dev.agentmarketplace.core.registry.WalletAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AgentViewTest {
    private static final Instant REGISTERED = Instant.parse("2026-11-26T08:00:00Z");

    @Test
    void showsTheExactPriceAsAStringAndTheEffectiveAvailability() {
        Agent agent = new Agent(
                AgentId.of("py-1"),
                "Python Expert",
                "acme",
                new TreeSet<>(java.util.List.of(Capability.of("python"))),
                Money.of("1.5", "USDC"),
                WalletAddress.of("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
                Availability.ONLINE,
                REGISTERED,
                12,
                Metadata.of(Map.of("region", "eu")),
                REGISTERED,
                Optional.of(REGISTERED.plusSeconds(10)),
                3);

        AgentView view = AgentView.of(agent, Availability.OFFLINE);

        assertThat(view.price()).isEqualTo(new Amount("1.500000", "USDC"));
        assertThat(view.availability()).isEqualTo("OFFLINE");
        assertThat(view.payoutWallet()).isEqualTo("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        assertThat(view.capacityPerHour()).isEqualTo(12);
        assertThat(view.metadata()).containsExactly(Map.entry("region", "eu"));
        assertThat(view.deregisteredAt()).isEqualTo(REGISTERED.plusSeconds(10));
        assertThat(view.owner()).isEqualTo("acme");
        assertThat(view.version()).isEqualTo(3);
    }
}
