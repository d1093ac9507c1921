package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Port: what the ledger knows about recent hiring, for capacity checks, load-aware discovery and
 * analytics. A hire counts from its creation unless it was cancelled.
 */
public interface HireStatistics {
    /** Capacity is counted over the rolling hour before the hire ("capacity per hour"). */
    Duration CAPACITY_WINDOW = Duration.ofHours(1);

    /** Hires of {@code provider} created at or after {@code since}, cancelled ones excluded. */
    long hiresOf(AgentId provider, Instant since);

    /**
     * What a hire at {@code now} counts against the provider's capacity: {@code hiresOf(provider,
     * now - CAPACITY_WINDOW)}. Every hire asks this, so an adapter may answer it from counters kept
     * per minute instead of counting the hour's hires one by one; such counters must cover at least
     * the window before the provider's latest hire, which is the window before {@code now} as long
     * as no hire was stored with a creation time more than a window after {@code now}.
     */
    default long hiresInCapacityWindow(AgentId provider, Instant now) {
        return hiresOf(provider, now.minus(CAPACITY_WINDOW));
    }

    /** When {@code provider} was last hired (cancelled hires included: they were still a turn of work). */
    Optional<Instant> lastHireOf(AgentId provider);

    /** Hires of {@code capability} created in {@code [from, to)}, cancelled ones excluded, and their volume per currency. */
    CapabilityActivity activity(Capability capability, Instant from, Instant to);

    record CapabilityActivity(long hires, Map<Currency, Money> volume) {
        public CapabilityActivity {
            volume = Map.copyOf(volume);
        }
    }
}
