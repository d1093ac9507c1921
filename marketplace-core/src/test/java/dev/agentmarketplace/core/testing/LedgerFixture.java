package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.dispute.DisputeSettings;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.JournalVerifier;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.LedgerEvents;
import dev.agentmarketplace.core.ledger.LedgerSettings;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistration;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.RegistrySettings;
import java.util.concurrent.atomic.AtomicLong;

/** A ledger wired to in-memory adapters, a movable clock and predictable ids, with helpers for tests. */
public final class LedgerFixture {
    public final MutableClock clock = MutableClock.at("2026-11-26T08:00:00Z");
    public final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    public final InMemoryAgentRepository agents = new InMemoryAgentRepository(unitOfWork);
    public final InMemoryTransactionRepository transactions = new InMemoryTransactionRepository(unitOfWork);
    public final InMemoryJournalRepository journal = new InMemoryJournalRepository(unitOfWork);
    public final InMemoryPaymentRepository payments = new InMemoryPaymentRepository(unitOfWork);
    public final InMemoryHireStatistics statistics = new InMemoryHireStatistics(transactions);
    public final SequentialIds ids = new SequentialIds();
    public final AgentRegistry catalog = new AgentRegistry(agents, unitOfWork, clock, RegistrySettings.DEFAULTS);
    public final Ledger ledger;
    public final TransactionQueries queries = new TransactionQueries(transactions, journal);
    public final JournalVerifier verifier = new JournalVerifier(journal);
    public final InMemoryDisputeRepository disputes = new InMemoryDisputeRepository(unitOfWork);
    public final RecordingOutcomeListener outcomes = new RecordingOutcomeListener();
    public final DisputeDesk desk;
    private final AtomicLong keys = new AtomicLong();

    public LedgerFixture() {
        this(LedgerSettings.DEFAULTS);
    }

    public LedgerFixture(LedgerSettings settings) {
        // As in the application: a hire with an x402 payment is decided by that payment's settlement.
        ledger = new Ledger(
                transactions,
                journal,
                agents,
                statistics,
                unitOfWork,
                ids,
                clock,
                settings,
                LedgerEvents.NONE,
                transaction -> payments.findByTransaction(transaction).isPresent());
        desk = new DisputeDesk(
                disputes,
                ledger,
                unitOfWork,
                ids,
                clock,
                DisputeSettings.DEFAULTS,
                DisputeDesk.defaultRules(),
                outcomes);
    }

    public void register(AgentRegistration registration) {
        catalog.register(registration);
    }

    /** A fresh idempotency key each call. */
    public IdempotencyKey nextKey() {
        return IdempotencyKey.of("key-%016d".formatted(keys.incrementAndGet()));
    }

    public HireRequest request(String payer, String provider, String capability, String amount) {
        return new HireRequest(
                AgentId.of(payer),
                AgentId.of(provider),
                Capability.of(capability),
                Money.of(amount, "USDC"),
                "task",
                nextKey());
    }
}
