package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.ledger.HireStatistics;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hire statistics computed from the in-memory transactions, as a database adapter would query them. */
public final class InMemoryHireStatistics implements HireStatistics {
    private final InMemoryTransactionRepository transactions;

    public InMemoryHireStatistics(InMemoryTransactionRepository transactions) {
        this.transactions = transactions;
    }

    @Override
    public long hiresOf(AgentId provider, Instant since) {
        return counted().stream()
                .filter(tx -> tx.provider().equals(provider) && !tx.createdAt().isBefore(since))
                .count();
    }

    @Override
    public Optional<Instant> lastHireOf(AgentId provider) {
        return transactions.all().stream()
                .filter(tx -> tx.provider().equals(provider))
                .map(Transaction::createdAt)
                .max(Instant::compareTo);
    }

    @Override
    public CapabilityActivity activity(Capability capability, Instant from, Instant to) {
        List<Transaction> hires = counted().stream()
                .filter(tx -> tx.capability().equals(capability)
                        && !tx.createdAt().isBefore(from)
                        && tx.createdAt().isBefore(to))
                .toList();
        Map<Currency, Money> volume = new HashMap<>();
        hires.forEach(tx -> volume.merge(tx.amount().currency(), tx.amount(), Money::plus));
        return new CapabilityActivity(hires.size(), volume);
    }

    private List<Transaction> counted() {
        return transactions.all().stream()
                .filter(tx -> tx.state() != TransactionState.CANCELLED)
                .toList();
    }
}
