package dev.agentmarketplace.core.dispute;

import java.util.List;
import java.util.Optional;

/** One page of the dispute queue ({@link DisputeQueueCursor#ORDER}); {@code nextCursor} is present when more follow. */
public record DisputeQueuePage(List<Dispute> disputes, Optional<String> nextCursor) {
    public DisputeQueuePage {
        disputes = List.copyOf(disputes);
    }
}
