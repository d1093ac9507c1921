package dev.agentmarketplace.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.dispute.DisputeOutcomeListener;
import dev.agentmarketplace.core.dispute.DisputeSettings;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.testing.InMemoryJournalRepository;
import dev.agentmarketplace.core.testing.LedgerFixture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lock order of the core's README, step by step in one thread: every move locks its agents in
 * id order before anything else it locks, and queues its journal entry after them, without ever
 * locking the journal head (only {@link JournalChain} does, in a unit of work of its own). {@code
 * LockOrderOnPostgresIT} (deploy) proves the same under concurrent load on PostgreSQL.
 */
class LockOrderTest {
    /** "zeta" hires "alpha": the payer's id sorts after the provider's. */
    private static final AgentId PAYER = AgentId.of("zeta");

    private static final AgentId PROVIDER = AgentId.of("alpha");

    private final LedgerFixture world = new LedgerFixture();
    private final List<String> locks = new ArrayList<>();
    private final Ledger ledger = new Ledger(
            world.transactions,
            new RecordingJournal(world.journal, locks),
            new RecordingAgents(world.agents, locks),
            world.statistics,
            world.unitOfWork,
            world.ids,
            world.clock,
            LedgerSettings.DEFAULTS,
            LedgerEvents.NONE,
            transaction -> false,
            settled -> locks.add("listener:" + settled.provider()));
    private final DisputeDesk desk = new DisputeDesk(
            world.disputes,
            ledger,
            world.unitOfWork,
            world.ids,
            world.clock,
            DisputeSettings.DEFAULTS,
            DisputeDesk.defaultRules(),
            new DisputeOutcomeListener() {
                @Override
                public void providerLostDispute(
                        AgentId provider, TransactionId transaction, double refundedShare, Instant at) {
                    locks.add("listener:" + provider);
                }

                @Override
                public void providerUpheld(AgentId provider, TransactionId transaction, Instant at) {
                    locks.add("listener:" + provider);
                }
            });

    @BeforeEach
    void registerAgents() {
        world.register(Agents.registration("zeta", "planning"));
        world.register(Agents.registration("alpha", "python"));
    }

    @Test
    void hireLocksBothAgentsInIdOrderThenQueuesItsEntryWithoutTheJournalHead() {
        hire();

        assertThat(locks).containsExactly("agent:alpha", "agent:zeta", "journal-queue");
    }

    @Test
    void settleLocksTheAgentsTellsTheListenerAndQueuesItsEntryLast() {
        Transaction tx = hire();
        locks.clear();

        ledger.settle(tx.id(), Actor.agent(PAYER), Optional.empty());

        assertThat(locks).containsExactly("agent:alpha", "agent:zeta", "listener:alpha", "journal-queue");
    }

    @Test
    void cancelAndExpiryLockTheAgentsBeforeQueuingTheirEntries() {
        Transaction cancelled = hire();
        Transaction expiring = hire();
        locks.clear();

        ledger.cancel(cancelled.id(), Actor.agent(PAYER));
        world.clock.advance(LedgerSettings.DEFAULTS.holdTimeout().multipliedBy(2));
        ledger.expireHolds(world.clock.instant());

        assertThat(locks)
                .containsExactly(
                        "agent:alpha", "agent:zeta", "journal-queue", "agent:alpha", "agent:zeta", "journal-queue");
    }

    @Test
    void operatorDecisionLocksTheAgentsFirstAndQueuesItsEntryBeforeTheProvidersReputation() {
        Transaction tx = hire();
        ledger.settle(tx.id(), Actor.agent(PAYER), Optional.empty());
        Dispute dispute = desk.open(tx.id(), PAYER, "wrong", List.of());
        locks.clear();

        desk.resolve(dispute.id(), "ops-1", new DisputeOutcome.FullRefund(), "refund");

        // The desk locks the agents before the dispute's row, the ledger's move locks them again (a
        // no-op) before it queues its entry; the listener then writes rows guarded by the provider's lock.
        assertThat(locks)
                .containsExactly(
                        "agent:alpha", "agent:zeta", "agent:alpha", "agent:zeta", "journal-queue", "listener:alpha");
    }

    @Test
    void chainingLocksOnlyTheJournalHead() {
        JournalRepository queueing = new RecordingJournal(InMemoryJournalRepository.queueing(world.unitOfWork), locks);
        world.unitOfWork.run(() -> queueing.enqueue(new UnchainedEntry(
                UUID.randomUUID(),
                TransactionId.of(UUID.randomUUID().toString()),
                EntryKind.HOLD,
                world.clock.instant(),
                LedgerPostings.hold(hire()))));
        locks.clear();

        new JournalChain(queueing, world.unitOfWork).chainAll();

        assertThat(locks).containsExactly("journal-head");
    }

    private Transaction hire() {
        return ledger.hire(new HireRequest(
                        PAYER, PROVIDER, Capability.of("python"), Money.of("2.00", "USDC"), "task", world.nextKey()))
                .transaction();
    }

    /** Records each agent lock as "agent:<id>". */
    private record RecordingAgents(AgentRepository delegate, List<String> locks) implements AgentRepository {
        @Override
        public Optional<Agent> findById(AgentId id) {
            return delegate.findById(id);
        }

        @Override
        public Optional<Agent> findByIdForUpdate(AgentId id) {
            locks.add("agent:" + id);
            return delegate.findByIdForUpdate(id);
        }

        @Override
        public List<Agent> listAfter(Optional<AgentId> after, int limit) {
            return delegate.listAfter(after, limit);
        }

        @Override
        public Set<AgentId> deregisteredAmong(Set<AgentId> ids) {
            return delegate.deregisteredAmong(ids);
        }

        @Override
        public void add(Agent agent) {
            delegate.add(agent);
        }

        @Override
        public Agent update(Agent agent) {
            return delegate.update(agent);
        }
    }

    /** Records each queued entry as "journal-queue" and each lock of the journal head as "journal-head". */
    private record RecordingJournal(JournalRepository delegate, List<String> locks) implements JournalRepository {
        @Override
        public void enqueue(UnchainedEntry entry) {
            locks.add("journal-queue");
            delegate.enqueue(entry);
        }

        @Override
        public List<UnchainedEntry> unchained(int limit) {
            return delegate.unchained(limit);
        }

        @Override
        public JournalHead lockHead() {
            locks.add("journal-head");
            return delegate.lockHead();
        }

        @Override
        public void appendAll(List<JournalEntry> entries) {
            delegate.appendAll(entries);
        }

        @Override
        public List<JournalEntry> entriesOf(TransactionId transaction) {
            return delegate.entriesOf(transaction);
        }

        @Override
        public List<JournalEntry> entriesAfter(long sequence, int limit) {
            return delegate.entriesAfter(sequence, limit);
        }

        @Override
        public Map<Currency, Money> balanceOf(Account account) {
            return delegate.balanceOf(account);
        }

        @Override
        public JournalHead head() {
            return delegate.head();
        }

        @Override
        public List<AccountBalance> balances(java.util.Optional<AccountBalance.Cursor> after, int limit) {
            return delegate.balances(after, limit);
        }
    }
}
