package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.JournalEntry;
import dev.agentmarketplace.core.ledger.JournalHead;
import dev.agentmarketplace.core.ledger.JournalRepository;
import dev.agentmarketplace.core.ledger.Posting;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The journal port in memory: a list in sequence order; the unit of work's single lock serializes appends. */
public final class InMemoryJournalRepository implements JournalRepository {
    private final List<JournalEntry> entries = new ArrayList<>();
    private final InMemoryUnitOfWork unitOfWork;

    public InMemoryJournalRepository(InMemoryUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
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
    public synchronized void append(JournalEntry entry) {
        JournalHead head = lockHead();
        if (entry.sequence() != head.sequence() + 1 || !entry.previousHash().equals(head.hash())) {
            throw new ConflictException(
                    ErrorCode.CONCURRENT_MODIFICATION,
                    "journal entry " + entry.sequence() + " does not follow the head, entry " + head.sequence());
        }
        entries.add(entry);
        unitOfWork.onRollback(() -> removeLast(entry));
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

    private synchronized void removeLast(JournalEntry entry) {
        if (!entries.isEmpty() && entries.getLast().equals(entry)) {
            entries.removeLast();
        }
    }
}
