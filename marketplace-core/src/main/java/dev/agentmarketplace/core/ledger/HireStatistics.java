package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Port: what the ledger knows about recent hiring, for capacity checks, load-aware discovery and
 * analytics. A hire counts from its creation unless it was cancelled.
 */
public interface HireStatistics {
    /** Hires of {@code provider} created at or after {@code since}, cancelled ones excluded. */
    long hiresOf(AgentId provider, Instant since);

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
