package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.AccountBalance;
import dev.agentmarketplace.core.ledger.JournalEntry;
import dev.agentmarketplace.core.ledger.JournalHead;
import dev.agentmarketplace.core.ledger.JournalRepository;
import dev.agentmarketplace.core.ledger.Posting;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.UnchainedEntry;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The journal port in memory: a list in sequence order; the unit of work's single lock serializes
 * appends. An entry queued by a move is chained at once (the port's contract only asks that it be
 * chained before the move returns), unless the repository was made {@link #queueing}, for the tests
 * of {@link dev.agentmarketplace.core.ledger.JournalChain}.
 */
public final class InMemoryJournalRepository implements JournalRepository {
    private final List<JournalEntry> entries = new ArrayList<>();
    private final List<UnchainedEntry> queue = new ArrayList<>();
    private final InMemoryUnitOfWork unitOfWork;
    private final boolean chainsOnEnqueue;

    public InMemoryJournalRepository(InMemoryUnitOfWork unitOfWork) {
        this(unitOfWork, true);
    }

    private InMemoryJournalRepository(InMemoryUnitOfWork unitOfWork, boolean chainsOnEnqueue) {
        this.unitOfWork = unitOfWork;
        this.chainsOnEnqueue = chainsOnEnqueue;
    }

    /** A journal whose queued entries wait for a {@link dev.agentmarketplace.core.ledger.JournalChain}. */
    public static InMemoryJournalRepository queueing(InMemoryUnitOfWork unitOfWork) {
        return new InMemoryJournalRepository(unitOfWork, false);
    }

    @Override
    public synchronized void enqueue(UnchainedEntry entry) {
        if (chainsOnEnqueue) {
            append(entry.chainedAfter(lockHead()));
            return;
        }
        queue.add(entry);
        unitOfWork.onRollback(() -> dequeue(entry));
    }

    @Override
    public synchronized List<UnchainedEntry> unchained(int limit) {
        return queue.stream().limit(limit).toList();
    }

    @Override
    public synchronized JournalHead lockHead() {
        if (entries.isEmpty()) {
            return JournalHead.GENESIS;
        }
        JournalEntry last = entries.getLast();
        return new JournalHead(last.sequence(), last.hash());
    }

    @Override
    public synchronized void appendAll(List<JournalEntry> appended) {
        for (JournalEntry entry : appended) {
            JournalHead head = lockHead();
            if (entry.sequence() != head.sequence() + 1 || !entry.previousHash().equals(head.hash())) {
                throw new ConflictException(
                        ErrorCode.CONCURRENT_MODIFICATION,
                        "journal entry " + entry.sequence() + " does not follow the head, entry " + head.sequence());
            }
            entries.add(entry);
            unitOfWork.onRollback(() -> removeLast(entry));
            queue.stream()
                    .filter(queued -> queued.id().equals(entry.id()))
                    .findFirst()
                    .ifPresent(queued -> {
                        queue.remove(queued);
                        unitOfWork.onRollback(() -> requeue(queued));
                    });
        }
    }

    @Override
    public synchronized List<JournalEntry> entriesOf(TransactionId transaction) {
        return entries.stream()
                .filter(entry -> entry.transactionId().equals(transaction))
                .toList();
    }

    @Override
    public synchronized List<JournalEntry> entriesAfter(long sequence, int limit) {
        return entries.stream()
                .filter(entry -> entry.sequence() > sequence)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Map<Currency, Money> balanceOf(Account account) {
        Map<Currency, Money> balance = new HashMap<>();
        for (JournalEntry entry : entries) {
            for (Posting posting : entry.postings()) {
                if (posting.account().equals(account)) {
                    balance.merge(posting.amount().currency(), posting.amount(), Money::plus);
                }
            }
        }
        return Map.copyOf(balance);
    }

    @Override
    public synchronized JournalHead head() {
        return lockHead();
    }

    @Override
    public synchronized List<AccountBalance> balances(Optional<AccountBalance.Cursor> after, int limit) {
        Map<String, AccountBalance> sums = new TreeMap<>();
        for (JournalEntry entry : entries) {
            for (Posting posting : entry.postings()) {
                String key = new AccountBalance.Cursor(
                                posting.account(), posting.amount().currency())
                        .toString();
                sums.merge(
                        key,
                        new AccountBalance(posting.account(), posting.amount()),
                        (a, b) -> new AccountBalance(a.account(), a.balance().plus(b.balance())));
            }
        }
        return sums.values().stream()
                .sorted(Comparator.comparing(
                                (AccountBalance balance) -> balance.account().name())
                        .thenComparing(balance -> balance.balance().currency().code()))
                .filter(balance -> after.map(cursor -> isAfter(balance, cursor)).orElse(true))
                .limit(limit)
                .toList();
    }

    private static boolean isAfter(AccountBalance balance, AccountBalance.Cursor cursor) {
        int byAccount = balance.account().name().compareTo(cursor.account().name());
        return byAccount > 0
                || (byAccount == 0
                        && balance.balance()
                                        .currency()
                                        .code()
                                        .compareTo(cursor.currency().code())
                                > 0);
    }

    private synchronized void dequeue(UnchainedEntry entry) {
        queue.remove(entry);
    }

    private synchronized void requeue(UnchainedEntry entry) {
        queue.addFirst(entry);
    }

    private synchronized void removeLast(JournalEntry entry) {
        if (!entries.isEmpty() && entries.getLast().equals(entry)) {
            entries.removeLast();
        }
    }
}
