package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.ledger.HireStatistics;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A hire-statistics stub for the discovery tests: hires are listed by hand (the ledger's real one lives with the ledger). */
public final class DiscoveryTestHires implements HireStatistics {
    private record Hire(AgentId provider, Capability capability, Money amount, Instant at) {}

    private final List<Hire> hires = new ArrayList<>();

    public void hire(AgentId provider, Capability capability, Money amount, Instant at) {
        hires.add(new Hire(provider, capability, amount, at));
    }

    @Override
    public long hiresOf(AgentId provider, Instant since) {
        return hires.stream()
                .filter(hire -> hire.provider().equals(provider) && !hire.at().isBefore(since))
                .count();
    }

    @Override
    public Optional<Instant> lastHireOf(AgentId provider) {
        return hires.stream()
                .filter(hire -> hire.provider().equals(provider))
                .map(Hire::at)
                .max(Comparator.naturalOrder());
    }

    @Override
    public CapabilityActivity activity(Capability capability, Instant from, Instant to) {
        Map<Currency, Money> volume = new HashMap<>();
        long count = 0;
        for (Hire hire : hires) {
            if (hire.capability().equals(capability)
                    && !hire.at().isBefore(from)
                    && hire.at().isBefore(to)) {
                count++;
                volume.merge(hire.amount().currency(), hire.amount(), Money::plus);
            }
        }
        return new CapabilityActivity(count, volume);
    }
}
