package dev.agentmarketplace.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AgentTest {
    private static final Instant REGISTERED = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void keepsCapabilitiesSortedAndDeduplicatedAfterNormalization() {
        Agent agent = agent(
                "Python Expert",
                List.of(Capability.of("Python"), Capability.of(" python "), Capability.of("Code Review")));

        assertThat(agent.capabilities()).containsExactly(Capability.of("code review"), Capability.of("python"));
    }

    @Test
    void trimsTheDisplayName() {
        assertThat(agent("  Python Expert ", List.of(Capability.of("python"))).displayName())
                .isEqualTo("Python Expert");
    }

    @Test
    void refusesAnAgentWithoutCapabilities() {
        assertThatThrownBy(() -> agent("Idle", List.of()))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("capabilities"));
    }

    @Test
    void refusesABlankOrOverlongDisplayName() {
        assertThatThrownBy(() -> agent(" ", List.of(Capability.of("python"))))
                .hasMessage("displayName: must not be blank");
        assertThatThrownBy(() -> agent("n".repeat(121), List.of(Capability.of("python"))))
                .hasMessage("displayName: must be at most 120 characters");
    }

    private static Agent agent(String displayName, List<Capability> capabilities) {
        return new Agent(
                AgentId.of("py-1"),
                displayName,
                "acme",
                new TreeSet<>(capabilities),
                Money.of("2.00", "USD"),
                Agents.WALLET,
                Availability.ONLINE,
                REGISTERED,
                10,
                Metadata.EMPTY,
                REGISTERED,
                Optional.empty(),
                0);
    }
}
