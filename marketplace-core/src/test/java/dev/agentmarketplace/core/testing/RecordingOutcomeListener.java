package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.dispute.DisputeOutcomeListener;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records what the dispute desk reports, as "lost:<provider>:<tx>" (with ":<share>" for a partial refund) or "upheld:<provider>:<tx>". */
public final class RecordingOutcomeListener implements DisputeOutcomeListener {
    public final List<String> events = new ArrayList<>();

    @Override
    public void providerLostDispute(AgentId provider, TransactionId transaction, double refundedShare, Instant at) {
        events.add("lost:" + provider + ":" + transaction + (refundedShare == 1 ? "" : ":" + refundedShare));
    }

    @Override
    public void providerUpheld(AgentId provider, TransactionId transaction, Instant at) {
        events.add("upheld:" + provider + ":" + transaction);
    }
}
