package dev.agentmarketplace.core.testing;

import static dev.agentmarketplace.core.testing.LedgerContractData.T0;
import static dev.agentmarketplace.core.testing.LedgerContractData.agent;
import static dev.agentmarketplace.core.testing.LedgerContractData.pending;
import static dev.agentmarketplace.core.testing.LedgerContractData.txId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.AccountBalance;
import dev.agentmarketplace.core.ledger.EntryKind;
import dev.agentmarketplace.core.ledger.JournalEntry;
import dev.agentmarketplace.core.ledger.JournalHead;
import dev.agentmarketplace.core.ledger.JournalRepository;
import dev.agentmarketplace.core.ledger.Posting;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.ledger.UnchainedEntry;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JournalRepository} adapter must do. Subclasses return fresh, empty adapters
 * sharing one unit of work; the suite stores the agents and transactions the entries refer to.
 */
public abstract class JournalRepositoryContract {
    protected abstract UnitOfWork unitOfWork();

    protected abstract AgentRepository agents();

    protected abstract TransactionRepository transactions();

    protected abstract JournalRepository journal();

    private static final Account ALICE = Account.of(AgentId.of("alice"));
    private static final Account BOB = Account.of(AgentId.of("bob"));

    private JournalRepository repo;
    private int ids;

    @BeforeEach
    void storeAgentsAndTransactions() {
        repo = journal();
        unitOfWork().run(() -> {
            List.of("alice", "bob").forEach(id -> agents().add(agent(id)));
            transactions().add(pending(1, "alice", "bob", "python", "2.00", T0));
            transactions().add(pending(2, "alice", "bob", "python", "3.00", T0));
        });
    }

    /** Appends a hold of {@code amount} for transaction {@code n} after the locked head, in one unit of work. */
    private JournalEntry appendHold(int n, String amount) {
        return unitOfWork().execute(() -> {
            JournalEntry entry = JournalEntry.chained(
                    repo.lockHead(),
                    nextId(),
                    txId(n),
                    EntryKind.HOLD,
                    T0.plusNanos(123_456_000L).plusSeconds(n),
                    List.of(
                            new Posting(ALICE, Money.of("-" + amount, "USDC")),
                            new Posting(Account.ESCROW, Money.of(amount, "USDC"))));
            repo.append(entry);
            return entry;
        });
    }

    private UUID nextId() {
        return new UUID(0x4000L, 0x8000000000000000L | ++ids);
    }

    @Test
    void anEntryQueuedByAUnitOfWorkIsInTheChainWhenTheUnitOfWorkReturns() {
        UnchainedEntry queued = new UnchainedEntry(
                nextId(),
                txId(1),
                EntryKind.SETTLE,
                T0.plusNanos(987_654_321L),
                List.of(
                        new Posting(Account.ESCROW, Money.of("-2.000001", "USDC")),
                        new Posting(BOB, Money.of("1.950001", "USDC")),
                        new Posting(Account.PLATFORM_FEES, Money.of("0.05", "USDC"))));

        unitOfWork().run(() -> repo.enqueue(queued));

        assertThat(repo.entriesAfter(0, 10)).containsExactly(queued.chainedAfter(JournalHead.GENESIS));
        assertThat(unitOfWork().execute(() -> repo.unchained(10))).isEmpty();
    }

    @Test
    void aUnitOfWorkThatRolledBackLeavesNothingQueuedNorChained() {
        assertThatThrownBy(() -> unitOfWork().run(() -> {
                    repo.enqueue(new UnchainedEntry(
                            nextId(),
                            txId(1),
                            EntryKind.HOLD,
                            T0,
                            List.of(
                                    new Posting(ALICE, Money.of("-2.00", "USDC")),
                                    new Posting(Account.ESCROW, Money.of("2.00", "USDC")))));
                    throw new IllegalStateException("the move failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(unitOfWork().execute(() -> repo.unchained(10))).isEmpty();
        assertThat(repo.entriesAfter(0, 10)).isEmpty();
    }

    @Test
    void emptyJournalHasTheGenesisHead() {
        assertThat(unitOfWork().execute(repo::lockHead)).isEqualTo(JournalHead.GENESIS);
        assertThat(repo.entriesAfter(0, 10)).isEmpty();
    }

    @Test
    void appendedEntriesRoundTripExactlyAndMoveTheHead() {
        JournalEntry first = appendHold(1, "2.00");
        JournalEntry second = appendHold(2, "3.00");

        assertThat(repo.entriesAfter(0, 10)).containsExactly(first, second);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(unitOfWork().execute(repo::lockHead)).isEqualTo(new JournalHead(2, second.hash()));
    }

    @Test
    void entriesAreListedPerTransactionAndInPagesBySequence() {
        appendHold(1, "1.00");
        JournalEntry two = appendHold(2, "1.00");
        JournalEntry three = appendHold(1, "2.00");

        assertThat(repo.entriesOf(txId(1))).extracting(JournalEntry::sequence).containsExactly(1L, 3L);
        assertThat(repo.entriesOf(TransactionId.of("00000000-0000-4000-8000-000000000999")))
                .isEmpty();
        assertThat(repo.entriesAfter(1, 1)).containsExactly(two);
        assertThat(repo.entriesAfter(2, 10)).containsExactly(three);
    }

    @Test
    void entryThatDoesNotFollowTheHeadIsRefused() {
        JournalEntry first = appendHold(1, "2.00");
        JournalEntry stale =
                JournalEntry.chained(JournalHead.GENESIS, nextId(), txId(2), EntryKind.HOLD, T0, first.postings());
        JournalEntry forked = JournalEntry.chained(
                new JournalHead(1, "f".repeat(64)), nextId(), txId(2), EntryKind.HOLD, T0, first.postings());

        for (JournalEntry wrong : List.of(stale, forked)) {
            assertThatThrownBy(() -> unitOfWork().run(() -> repo.append(wrong)))
                    .isInstanceOfSatisfying(
                            ConflictException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION));
        }
        assertThat(repo.entriesAfter(0, 10)).containsExactly(first);
    }

    @Test
    void failedUnitOfWorkAppendsNothing() {
        appendHold(1, "2.00");

        assertThatThrownBy(() -> unitOfWork().run(() -> {
                    repo.append(JournalEntry.chained(
                            repo.lockHead(),
                            nextId(),
                            txId(2),
                            EntryKind.HOLD,
                            T0,
                            List.of(
                                    new Posting(ALICE, Money.of("-1", "USDC")),
                                    new Posting(BOB, Money.of("1", "USDC")))));
                    throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "boom");
                }))
                .isInstanceOf(ConflictException.class);

        assertThat(repo.entriesAfter(0, 10)).hasSize(1);
        assertThat(repo.balanceOf(BOB)).isEmpty();
    }

    @Test
    void balanceIsTheSumOfPostingsPerCurrency() {
        appendHold(1, "2.00");
        appendHold(2, "3.50");
        unitOfWork()
                .run(() -> repo.append(JournalEntry.chained(
                        repo.lockHead(),
                        nextId(),
                        txId(2),
                        EntryKind.SETTLE,
                        T0,
                        List.of(
                                new Posting(Account.ESCROW, Money.of("-1.00", "EUR")),
                                new Posting(ALICE, Money.of("1.00", "EUR"))))));

        assertThat(repo.balanceOf(ALICE))
                .isEqualTo(
                        Map.of(Currency.USDC, Money.of("-5.50", "USDC"), Currency.of("EUR"), Money.of("1.00", "EUR")));
        assertThat(repo.balanceOf(Account.ESCROW))
                .containsEntry(Currency.USDC, Money.of("5.50", "USDC"))
                .containsEntry(Currency.of("EUR"), Money.of("-1.00", "EUR"));
        assertThat(repo.balanceOf(Account.PLATFORM_FEES)).isEmpty();
    }

    @Test
    void balancesArePagedInAccountAndCurrencyOrderAndFollowEveryAppend() {
        appendHold(1, "2.00");
        appendHold(2, "3.50");
        unitOfWork()
                .run(() -> repo.append(JournalEntry.chained(
                        repo.lockHead(),
                        nextId(),
                        txId(2),
                        EntryKind.SETTLE,
                        T0,
                        List.of(
                                new Posting(Account.ESCROW, Money.of("-1.00", "EUR")),
                                new Posting(ALICE, Money.of("1.00", "EUR"))))));

        List<AccountBalance> all = repo.balances(Optional.empty(), 10);

        assertThat(all)
                .containsExactly(
                        new AccountBalance(ALICE, Money.of("1.00", "EUR")),
                        new AccountBalance(ALICE, Money.of("-5.50", "USDC")),
                        new AccountBalance(Account.ESCROW, Money.of("-1.00", "EUR")),
                        new AccountBalance(Account.ESCROW, Money.of("5.50", "USDC")));
        assertThat(repo.balances(Optional.empty(), 1)).containsExactly(all.get(0));
        assertThat(repo.balances(Optional.of(AccountBalance.Cursor.of(all.get(0))), 2))
                .containsExactly(all.get(1), all.get(2));
        assertThat(repo.balances(Optional.of(AccountBalance.Cursor.of(all.get(3))), 10))
                .isEmpty();
    }

    @Test
    void balanceThatReturnsToZeroIsStillListed() {
        appendHold(1, "2.00");
        unitOfWork()
                .run(() -> repo.append(JournalEntry.chained(
                        repo.lockHead(),
                        nextId(),
                        txId(1),
                        EntryKind.VOID,
                        T0,
                        List.of(
                                new Posting(Account.ESCROW, Money.of("-2.00", "USDC")),
                                new Posting(ALICE, Money.of("2.00", "USDC"))))));

        assertThat(repo.balances(Optional.empty(), 10))
                .containsExactly(
                        new AccountBalance(ALICE, Money.of("0", "USDC")),
                        new AccountBalance(Account.ESCROW, Money.of("0", "USDC")));
    }

    @Test
    void failedUnitOfWorkLeavesTheBalancesAndTheHeadAsTheyWere() {
        JournalEntry first = appendHold(1, "2.00");

        assertThatThrownBy(() -> unitOfWork().run(() -> {
                    repo.append(JournalEntry.chained(
                            repo.lockHead(),
                            nextId(),
                            txId(2),
                            EntryKind.HOLD,
                            T0,
                            List.of(
                                    new Posting(ALICE, Money.of("-1", "USDC")),
                                    new Posting(BOB, Money.of("1", "USDC")))));
                    throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "boom");
                }))
                .isInstanceOf(ConflictException.class);

        assertThat(repo.balances(Optional.empty(), 10))
                .containsExactly(
                        new AccountBalance(ALICE, Money.of("-2.00", "USDC")),
                        new AccountBalance(Account.ESCROW, Money.of("2.00", "USDC")));
        assertThat(unitOfWork().execute(repo::head)).isEqualTo(new JournalHead(1, first.hash()));
    }

    @Test
    void headIsTheLastEntryOrGenesis() {
        assertThat(unitOfWork().execute(repo::head)).isEqualTo(JournalHead.GENESIS);
        appendHold(1, "2.00");
        JournalEntry second = appendHold(2, "1.00");

        assertThat(unitOfWork().execute(repo::head)).isEqualTo(new JournalHead(2, second.hash()));
    }
}
