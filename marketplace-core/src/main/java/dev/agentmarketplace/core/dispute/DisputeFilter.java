package dev.agentmarketplace.core.dispute;

import dev.agentmarketplace.core.registry.AgentId;
import java.util.Objects;
import java.util.Optional;

/** Which disputes a listing wants; every present criterion must hold. A party is the payer or the provider. */
public record DisputeFilter(Optional<AgentId> party, Optional<DisputeStatus> status) {
    public static final DisputeFilter ALL = new DisputeFilter(Optional.empty(), Optional.empty());

    public DisputeFilter {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(status, "status");
    }

    public DisputeFilter withParty(AgentId agent) {
        return new DisputeFilter(Optional.of(agent), status);
    }

    public DisputeFilter withStatus(DisputeStatus value) {
        return new DisputeFilter(party, Optional.of(value));
    }

    /** The filter as a predicate, for adapters that filter in memory and for tests. */
    public boolean matches(Dispute dispute) {
        return party.map(dispute::isParty).orElse(true)
                && status.map(value -> dispute.status() == value).orElse(true);
    }
}
