package dev.agentmarketplace.core.dispute;

import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
import java.time.Instant;

/**
 * Port: hears how every dispute ended, so reputation can count a lost dispute (a full or partial
 * refund) as a failure of the provider. Called inside the unit of work that resolves the dispute,
 * so what it stores commits with the resolution.
 */
public interface DisputeOutcomeListener {
    void providerLostDispute(AgentId provider, TransactionId transaction, Instant at);

    void providerUpheld(AgentId provider, TransactionId transaction, Instant at);

    /** For deployments (and tests) that do not track reputation. */
    DisputeOutcomeListener NONE = new DisputeOutcomeListener() {
        @Override
        public void providerLostDispute(AgentId provider, TransactionId transaction, Instant at) {}

        @Override
        public void providerUpheld(AgentId provider, TransactionId transaction, Instant at) {}
    };
}
