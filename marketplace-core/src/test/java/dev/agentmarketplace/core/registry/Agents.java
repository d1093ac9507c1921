package dev.agentmarketplace.core.registry;

import dev.agentmarketplace.core.money.Money;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Valid registrations for tests, varied only where a test cares. */
public final class Agents {
    public static final WalletAddress WALLET = WalletAddress.of("0x209693Bc6afc0C5328bA36FaF03C514EF312287C");

    private Agents() {}

    public static AgentRegistration registration(String id, String... capabilities) {
        return registration(id, Money.of("1.50", "USDC"), 10, capabilities);
    }

    /** Without capabilities, the agent offers "python". */
    public static AgentRegistration registration(String id, Money price, int capacityPerHour, String... capabilities) {
        Set<Capability> set = Arrays.stream(capabilities.length == 0 ? new String[] {"python"} : capabilities)
                .map(Capability::of)
                .collect(Collectors.toSet());
        return new AgentRegistration(
                AgentId.of(id),
                "Agent " + id,
                "owner-of-" + id,
                set,
                price,
                WALLET,
                Availability.ONLINE,
                capacityPerHour,
                Metadata.EMPTY);
    }
}
