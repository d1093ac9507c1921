package dev.agentmarketplace.core.market;

import dev.agentmarketplace.core.registry.Capability;
import java.util.Objects;

/** How many hires a capability drew in a window, whatever became of them. */
public record CapabilityDemand(Capability capability, long hires) {
    public CapabilityDemand {
        Objects.requireNonNull(capability, "capability");
        if (hires < 0) {
            throw new IllegalArgumentException("hires must not be negative, was " + hires);
        }
    }
}
