package dev.agentmarketplace.core.oversight;

import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.registry.AgentId;
import java.util.List;

/** Port: an agent's latest transactions, as payer or provider, newest first, without reading all of them. */
public interface AgentTransactions {
    /** At most {@code limit} of {@code agent}'s transactions, newest first (creation time, then id, descending). */
    List<Transaction> latest(AgentId agent, int limit);
}
