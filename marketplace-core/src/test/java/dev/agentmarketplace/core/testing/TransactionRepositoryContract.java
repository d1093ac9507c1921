package dev.agentmarketplace.core.testing;

import static dev.agentmarketplace.core.testing.LedgerContractData.T0;
import static dev.agentmarketplace.core.testing.LedgerContractData.agent;
import static dev.agentmarketplace.core.testing.LedgerContractData.key;
import static dev.agentmarketplace.core.testing.LedgerContractData.moved;
import static dev.agentmarketplace.core.testing.LedgerContractData.pending;
import static dev.agentmarketplace.core.testing.LedgerContractData.txId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.HistoryCursor;
import dev.agentmarketplace.core.ledger.PartyRole;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TransactionRepository} adapter must do. Subclasses return fresh, empty
 * adapters sharing one unit of work; the suite stores agents first so foreign keys hold.
 */
public abstract class TransactionRepositoryContract {
    protected abstract UnitOfWork unitOfWork();

    protected abstract AgentRepository agents();

    protected abstract TransactionRepository transactions();

    private TransactionRepository repo;

    @BeforeEach
    void storeAgents() {
        repo = transactions();
        unitOfWork().run(() -> List.of("alice", "bob", "carol").forEach(id -> agents().add(agent(id))));
    }

    private void add(Transaction tx) {
        unitOfWork().run(() -> repo.add(tx));
    }

    private Transaction update(Transaction tx) {
        return unitOfWork().execute(() -> repo.update(tx));
    }

    @Test
    void addedTransactionIsFoundByIdAndByItsPayersKey() {
        Transaction tx = pending(1, "alice", "bob", "python", "2.50", T0);
        add(tx);

        assertThat(repo.findById(tx.id())).contains(tx);
        assertThat(repo.findByIdempotencyKey(AgentId.of("alice"), key(1))).contains(tx);
        assertThat(repo.findByIdempotencyKey(AgentId.of("carol"), key(1))).isEmpty();
        assertThat(repo.findById(txId(99))).isEmpty();
    }

    @Test
    void takenIdOrPayerKeyIsAConflict() {
        add(pending(1, "alice", "bob", "python", "2.50", T0));
        Transaction sameKey = pending(2, "alice", "bob", "python", "2.50", T0);
        Transaction sameKeyOther = new Transaction(
                sameKey.id(),
                sameKey.payer(),
                sameKey.provider(),
                sameKey.capability(),
                sameKey.amount(),
                sameKey.context(),
                key(1),
                sameKey.state(),
                sameKey.timeline(),
                Optional.empty(),
                Optional.empty(),
                0);

        assertThatThrownBy(() -> add(pending(1, "carol", "bob", "python", "2.50", T0)))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION));
        assertThatThrownBy(() -> add(sameKeyOther))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION));
    }

    @Test
    void updateStoresEveryMoveAndIncrementsTheVersion() {
        Transaction tx = pending(1, "alice", "bob", "python", "2.50", T0);
        add(tx);

        Transaction settled = update(moved(
                tx,
                TransactionState.SETTLED,
                Actor.operator("ops"),
                T0.plusSeconds(5),
                Optional.of("0xabc"),
                Optional.empty()));
        Transaction disputed = update(moved(
                settled,
                TransactionState.DISPUTED,
                Actor.agent(AgentId.of("bob")),
                T0.plusSeconds(6),
                Optional.empty(),
                Optional.empty()));
        Transaction resolved = update(moved(
                disputed,
                TransactionState.RESOLVED,
                Actor.system("provider-silent"),
                T0.plusSeconds(7),
                Optional.empty(),
                Optional.of(new DisputeOutcome.PartialRefund(Money.of("1.25", "USDC")))));

        assertThat(resolved.version()).isEqualTo(3);
        assertThat(repo.findById(tx.id())).contains(resolved);
        assertThat(resolved.timeline())
                .extracting(step -> step.to())
                .containsExactly(
                        TransactionState.PENDING,
                        TransactionState.SETTLED,
                        TransactionState.DISPUTED,
                        TransactionState.RESOLVED);
    }

    @Test
    void everyOutcomeRoundTrips() {
        List<DisputeOutcome> outcomes = List.of(
                new DisputeOutcome.ProviderUpheld(),
                new DisputeOutcome.FullRefund(),
                new DisputeOutcome.PartialRefund(Money.of("0.000001", "USDC")));
        for (int i = 0; i < outcomes.size(); i++) {
            Transaction tx = pending(10 + i, "alice", "bob", "python", "2.50", T0);
            add(tx);
            Transaction disputed = update(moved(
                    tx,
                    TransactionState.DISPUTED,
                    Actor.agent(AgentId.of("alice")),
                    T0,
                    Optional.empty(),
                    Optional.empty()));
            update(moved(
                    disputed,
                    TransactionState.RESOLVED,
                    Actor.operator("ops"),
                    T0,
                    Optional.empty(),
                    Optional.of(outcomes.get(i))));

            assertThat(repo.findById(tx.id()).orElseThrow().outcome()).contains(outcomes.get(i));
        }
    }

    @Test
    void staleVersionIsAConcurrentModification() {
        Transaction tx = pending(1, "alice", "bob", "python", "2.50", T0);
        add(tx);
        Transaction cancelled = update(
                moved(tx, TransactionState.CANCELLED, Actor.operator("o"), T0, Optional.empty(), Optional.empty()));

        assertThatThrownBy(() -> update(moved(
                        tx, TransactionState.SETTLED, Actor.operator("o"), T0, Optional.of("0xabc"), Optional.empty())))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION));
        assertThat(repo.findById(tx.id())).contains(cancelled);
    }

    @Test
    void updateStoresEveryStepTheTimelineGainedSinceItWasRead() {
        Transaction tx = pending(1, "alice", "bob", "python", "2.50", T0);
        add(tx);
        Transaction disputed = moved(
                tx,
                TransactionState.DISPUTED,
                Actor.agent(AgentId.of("alice")),
                T0.plusSeconds(1),
                Optional.empty(),
                Optional.empty());

        Transaction resolved = update(moved(
                disputed,
                TransactionState.RESOLVED,
                Actor.operator("ops"),
                T0.plusSeconds(2),
                Optional.empty(),
                Optional.of(new DisputeOutcome.FullRefund())));

        assertThat(resolved.version()).isEqualTo(1);
        assertThat(repo.findById(tx.id())).contains(resolved);
        assertThat(resolved.timeline())
                .extracting(step -> step.to())
                .containsExactly(TransactionState.PENDING, TransactionState.DISPUTED, TransactionState.RESOLVED);
    }

    /** A move reads the transaction, updates it and may read it again, all in one unit of work. */
    @Test
    void readsInTheUnitOfWorkOfAnUpdateSeeTheUpdate() {
        Transaction tx = pending(1, "alice", "bob", "python", "2.50", T0);
        add(tx);
        TransactionFilter settledOnes = TransactionFilter.ALL.withState(TransactionState.SETTLED);

        Transaction settled = unitOfWork().execute(() -> {
            Transaction read = repo.findById(tx.id()).orElseThrow();
            Transaction moved = repo.update(moved(
                    read,
                    TransactionState.SETTLED,
                    Actor.operator("ops"),
                    T0.plusSeconds(5),
                    Optional.of("0xabc"),
                    Optional.empty()));

            assertThat(repo.findById(tx.id())).contains(moved);
            assertThat(repo.findByIdempotencyKey(AgentId.of("alice"), key(1))).contains(moved);
            assertThat(repo.history(settledOnes, Optional.empty(), 10)).containsExactly(moved);
            assertThat(repo.recent(TransactionFilter.ALL, Optional.empty(), 10)).containsExactly(moved);
            return moved;
        });

        assertThat(settled.version()).isEqualTo(1);
        assertThat(settled.settlementReference()).contains("0xabc");
        assertThat(repo.findById(tx.id())).contains(settled);
    }

    @Test
    void aTransactionAddedAndMovedInOneUnitOfWorkReadsAsMoved() {
        Transaction tx = pending(1, "alice", "bob", "python", "2.50", T0);

        Transaction cancelled = unitOfWork().execute(() -> {
            repo.add(tx);
            assertThat(repo.findById(tx.id())).contains(tx);
            Transaction moved = repo.update(
                    moved(tx, TransactionState.CANCELLED, Actor.operator("o"), T0, Optional.empty(), Optional.empty()));
            assertThat(repo.findById(tx.id())).contains(moved);
            return moved;
        });

        assertThat(repo.findById(tx.id())).contains(cancelled);
    }

    @Test
    void failedUnitOfWorkStoresNothing() {
        assertThatThrownBy(() -> unitOfWork().run(() -> {
                    repo.add(pending(1, "alice", "bob", "python", "2.50", T0));
                    throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "boom");
                }))
                .isInstanceOf(ConflictException.class);

        assertThat(repo.findById(txId(1))).isEmpty();
    }

    @Test
    void historyFiltersByPartyStateCapabilityAndTime() {
        add(pending(1, "alice", "bob", "python", "1.00", T0));
        add(pending(2, "bob", "carol", "rust", "1.00", T0.plusSeconds(60)));
        add(pending(3, "carol", "alice", "python", "1.00", T0.plusSeconds(120)));
        Transaction four = pending(4, "alice", "carol", "python", "1.00", T0.plusSeconds(180));
        add(four);
        update(moved(four, TransactionState.SETTLED, Actor.operator("o"), T0, Optional.empty(), Optional.empty()));

        AgentId alice = AgentId.of("alice");
        assertThat(ids(TransactionFilter.ALL.withAgent(alice, PartyRole.PAYER))).containsExactly(1, 4);
        assertThat(ids(TransactionFilter.ALL.withAgent(alice, PartyRole.PROVIDER)))
                .containsExactly(3);
        assertThat(ids(TransactionFilter.ALL.withAgent(alice, PartyRole.EITHER)))
                .containsExactly(1, 3, 4);
        assertThat(ids(TransactionFilter.ALL.withState(TransactionState.SETTLED)))
                .containsExactly(4);
        assertThat(ids(TransactionFilter.ALL.withCapability(Capability.of("rust"))))
                .containsExactly(2);
        assertThat(ids(TransactionFilter.ALL.between(T0.plusSeconds(60), T0.plusSeconds(180))))
                .containsExactly(2, 3);
        assertThat(ids(TransactionFilter.ALL
                        .withAgent(alice, PartyRole.EITHER)
                        .withState(TransactionState.PENDING)
                        .withCapability(Capability.of("python"))))
                .containsExactly(1, 3);
    }

    @Test
    void historyIsOrderedByCreationThenIdAndResumesAfterTheCursor() {
        add(pending(3, "alice", "bob", "python", "1.00", T0));
        add(pending(1, "alice", "bob", "python", "1.00", T0));
        add(pending(2, "alice", "bob", "python", "1.00", T0.minusSeconds(1)));
        add(pending(4, "alice", "bob", "python", "1.00", T0.plusNanos(1_000)));

        List<Transaction> first = repo.history(TransactionFilter.ALL, Optional.empty(), 2);
        List<Transaction> rest =
                repo.history(TransactionFilter.ALL, Optional.of(HistoryCursor.of(first.getLast())), 10);

        assertThat(first).extracting(tx -> tx.id()).containsExactly(txId(2), txId(1));
        assertThat(rest).extracting(tx -> tx.id()).containsExactly(txId(3), txId(4));
    }

    @Test
    void recentIsNewestFirstThenIdDescendingAndResumesBeforeTheCursor() {
        add(pending(3, "alice", "bob", "python", "1.00", T0));
        add(pending(1, "alice", "bob", "python", "1.00", T0));
        add(pending(2, "alice", "bob", "python", "1.00", T0.minusSeconds(1)));
        add(pending(4, "alice", "bob", "python", "1.00", T0.plusNanos(1_000)));

        List<Transaction> first = repo.recent(TransactionFilter.ALL, Optional.empty(), 2);
        List<Transaction> rest = repo.recent(TransactionFilter.ALL, Optional.of(HistoryCursor.of(first.getLast())), 10);

        assertThat(first).extracting(tx -> tx.id()).containsExactly(txId(4), txId(3));
        assertThat(rest).extracting(tx -> tx.id()).containsExactly(txId(1), txId(2));
    }

    /**
     * Every combination of the four criteria the operators' page offers, on both sides of an agent,
     * newest first and paged: each page holds exactly the matching transactions, none twice.
     */
    @Test
    void recentCombinesPartyStateCapabilityAndTimeAndPagesEachCombination() {
        String[] parties = {"alice", "bob", "carol"};
        String[] capabilities = {"python", "rust"};
        int n = 0;
        List<Transaction> all = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String payer = parties[i % 3];
            String provider = parties[(i + 1 + i / 3 % 2) % 3];
            Transaction tx = pending(++n, payer, provider, capabilities[i / 6 % 2], "1.00", T0.plusSeconds(i * 10L));
            add(tx);
            if (i % 4 == 1) {
                tx = update(moved(
                        tx, TransactionState.SETTLED, Actor.operator("o"), T0, Optional.empty(), Optional.empty()));
            }
            all.add(tx);
        }
        AgentId alice = AgentId.of("alice");
        List<TransactionFilter> filters = new ArrayList<>();
        for (PartyRole role : PartyRole.values()) {
            TransactionFilter byAgent = TransactionFilter.ALL.withAgent(alice, role);
            filters.add(byAgent);
            filters.add(byAgent.withState(TransactionState.SETTLED));
            filters.add(byAgent.withCapability(Capability.of("rust")));
            filters.add(byAgent.withState(TransactionState.PENDING).withCapability(Capability.of("python")));
            filters.add(byAgent.withState(TransactionState.SETTLED)
                    .withCapability(Capability.of("rust"))
                    .between(T0.plusSeconds(60), T0.plusSeconds(200)));
        }
        filters.add(TransactionFilter.ALL.withState(TransactionState.SETTLED).withCapability(Capability.of("python")));
        filters.add(TransactionFilter.ALL.withState(TransactionState.CANCELLED));
        filters.add(TransactionFilter.ALL.between(T0.plusSeconds(30), T0.plusSeconds(100)));

        for (TransactionFilter filter : filters) {
            List<Transaction> expected = all.stream()
                    .filter(filter::matches)
                    .sorted(HistoryCursor.NEWEST_FIRST)
                    .toList();
            List<Transaction> paged = new ArrayList<>();
            Optional<HistoryCursor> before = Optional.empty();
            List<Transaction> page;
            do {
                page = repo.recent(filter, before, 2);
                paged.addAll(page);
                before = page.isEmpty() ? before : Optional.of(HistoryCursor.of(page.getLast()));
            } while (page.size() == 2);
            assertThat(paged)
                    .as(filter.toString())
                    .extracting(Transaction::id)
                    .containsExactlyElementsOf(
                            expected.stream().map(Transaction::id).toList());
        }
    }

    @Test
    void pendingCreatedBeforeTheCutoffOldestFirstAsTheHoldSweepAsksForThem() {
        add(pending(1, "alice", "bob", "python", "1.00", T0.plusSeconds(10)));
        add(pending(2, "alice", "bob", "python", "1.00", T0));
        add(pending(3, "alice", "bob", "python", "1.00", T0.plusSeconds(20)));
        Transaction cancelled = pending(4, "alice", "bob", "python", "1.00", T0);
        add(cancelled);
        update(moved(
                cancelled, TransactionState.CANCELLED, Actor.operator("o"), T0, Optional.empty(), Optional.empty()));

        assertThat(repo.history(pendingBefore(T0.plusSeconds(20)), Optional.empty(), 10))
                .extracting(tx -> tx.id())
                .containsExactly(txId(2), txId(1));
        List<Transaction> first = repo.history(pendingBefore(T0.plus(Duration.ofHours(1))), Optional.empty(), 1);
        assertThat(first).extracting(tx -> tx.id()).containsExactly(txId(2));
        assertThat(repo.history(
                        pendingBefore(T0.plus(Duration.ofHours(1))),
                        Optional.of(HistoryCursor.of(first.getFirst())),
                        10))
                .extracting(tx -> tx.id())
                .containsExactly(txId(1), txId(3));
    }

    private static TransactionFilter pendingBefore(Instant cutoff) {
        return new TransactionFilter(
                Optional.empty(),
                PartyRole.EITHER,
                Optional.of(TransactionState.PENDING),
                Optional.empty(),
                Optional.empty(),
                Optional.of(cutoff));
    }

    private List<Integer> ids(TransactionFilter filter) {
        List<Integer> ids = new ArrayList<>();
        for (Transaction tx : repo.history(filter, Optional.empty(), 100)) {
            ids.add(Integer.parseInt(tx.id().value().substring(24)));
        }
        return ids;
    }
}
