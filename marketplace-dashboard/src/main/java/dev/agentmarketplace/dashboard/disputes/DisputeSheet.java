package dev.agentmarketplace.dashboard.disputes;

import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeStatus;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.registry.Agent;
import java.time.Instant;

/** Everything the dispute page shows: the dispute, the transaction in dispute, its parties, and the time it is now. */
public record DisputeSheet(Dispute dispute, Transaction transaction, Agent payer, Agent provider, Instant now) {
    public boolean isOpen() {
        return dispute.status() == DisputeStatus.OPEN;
    }

    /** Evidence is no longer taken; the rules decide it at their next sweep unless an operator does first. */
    public boolean isOverdue() {
        return isOpen() && dispute.isPastDeadline(now);
    }
}
