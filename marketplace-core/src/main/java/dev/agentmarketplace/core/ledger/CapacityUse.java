package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.registry.AgentId;
import java.time.Instant;
import java.util.Objects;

/**
 * How much of its hourly capacity a provider has used: its hires since {@code since} (the start of
 * the rolling hour the capacity check counts, cancelled hires excluded) against its capacity per
 * hour. A hire is refused once {@code hires} reaches {@code capacityPerHour}.
 */
public record CapacityUse(AgentId provider, long hires, int capacityPerHour, Instant since) {
    public CapacityUse {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(since, "since");
        if (hires < 0 || capacityPerHour < 1) {
            throw new IllegalArgumentException("hires must not be negative and capacity must be positive");
        }
    }

    /** Whether a hire now would be refused with {@code CAPACITY_EXCEEDED}. */
    public boolean isFull() {
        return hires >= capacityPerHour;
    }

    /** The share used, in whole percent, rounded down: 0 to 100 and beyond for a capacity lowered after its hires. */
    public long percent() {
        return hires * 100 / capacityPerHour;
    }
}
