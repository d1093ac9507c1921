package dev.agentmarketplace.persistence.ledger;

import dev.agentmarketplace.core.ledger.HistoryCursor;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.oversight.AgentTransactions;
import dev.agentmarketplace.core.registry.AgentId;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link AgentTransactions}: two index range scans walked backwards, {@code
 * ledger_transaction_by_payer} and {@code ledger_transaction_by_provider} (party, created_at, id),
 * each stopping after the limit, merged here; so an agent's latest transactions cost the same
 * however many it has.
 */
@ApplicationScoped
@Transactional
public class SqlAgentTransactions implements AgentTransactions {
    private static final Sort NEWEST_FIRST = Sort.descending("createdAt", "id");

    @Override
    public List<Transaction> latest(AgentId agent, int limit) {
        // Nobody hires themselves, so no transaction comes back from both walks.
        List<Transaction> merged = new ArrayList<>(walk("payerId", agent, limit));
        merged.addAll(walk("providerId", agent, limit));
        return merged.stream()
                .sorted(HistoryCursor.ORDER.reversed())
                .limit(limit)
                .toList();
    }

    private static List<Transaction> walk(String party, AgentId agent, int limit) {
        return TransactionEntity.<TransactionEntity>find(party + " = ?1", NEWEST_FIRST, agent.value())
                .page(Page.ofSize(limit))
                .list()
                .stream()
                .map(TransactionMapper::toDomain)
                .toList();
    }
}
