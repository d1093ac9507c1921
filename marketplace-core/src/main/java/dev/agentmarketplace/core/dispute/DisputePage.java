package dev.agentmarketplace.core.dispute;

import java.util.List;
import java.util.Optional;

/** One page of disputes in id order; {@code nextCursor} is present when more follow. */
public record DisputePage(List<Dispute> disputes, Optional<DisputeId> nextCursor) {
    public DisputePage {
        disputes = List.copyOf(disputes);
    }
}
