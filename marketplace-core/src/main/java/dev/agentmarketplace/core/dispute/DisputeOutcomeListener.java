package dev.agentmarketplace.core.dispute;

import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
import java.time.Instant;

/**
 * Port: hears how every dispute ended, so reputation can count a lost dispute (a full or partial
 * refund) as a failure of the provider, weighted by the share refunded. Called inside the unit of
 * work that resolves the dispute, after the ledger's move, so what it stores commits with the
 * resolution; by then that unit of work holds the locks of the transaction's agents (lock order, see
 * the core's README), and the listener may write only rows those locks guard.
 */
public interface DisputeOutcomeListener {
    /**
     * @param refundedShare the share of the amount given back to the payer, above 0 and at most 1
     *     ({@link dev.agentmarketplace.core.ledger.DisputeOutcome#refundedShare})
     */
    void providerLostDispute(AgentId provider, TransactionId transaction, double refundedShare, Instant at);

    void providerUpheld(AgentId provider, TransactionId transaction, Instant at);

    /** For deployments (and tests) that do not track reputation. */
    DisputeOutcomeListener NONE = new DisputeOutcomeListener() {
        @Override
        public void providerLostDispute(
                AgentId provider, TransactionId transaction, double refundedShare, Instant at) {}

        @Override
        public void providerUpheld(AgentId provider, TransactionId transaction, Instant at) {}
    };
}
