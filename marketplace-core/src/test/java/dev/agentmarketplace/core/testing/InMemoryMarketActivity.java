package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.JournalEntry;
import dev.agentmarketplace.core.ledger.Posting;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.market.CapabilityDemand;
import dev.agentmarketplace.core.market.CatchUp;
import dev.agentmarketplace.core.market.CatchUpLimits;
import dev.agentmarketplace.core.market.HourlyActivity;
import dev.agentmarketplace.core.market.HourlyFees;
import dev.agentmarketplace.core.market.MarketActivity;
import dev.agentmarketplace.core.market.MarketHours;
import dev.agentmarketplace.core.market.StateTotal;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link MarketActivity} computed afresh from the in-memory ledger at every read: the reference the
 * database's rollups must agree with. It has nothing to catch up.
 */
public final class InMemoryMarketActivity implements MarketActivity {
    private final InMemoryTransactionRepository transactions;
    private final InMemoryJournalRepository journal;

    public InMemoryMarketActivity(InMemoryTransactionRepository transactions, InMemoryJournalRepository journal) {
        this.transactions = transactions;
        this.journal = journal;
    }

    @Override
    public CatchUp catchUp(Instant now, CatchUpLimits limits) {
        return new CatchUp(true, 0, 0, true);
    }

    @Override
    public List<HourlyActivity> hours(Instant fromHour, Instant toHour) {
        record Key(Instant hour, Currency currency, TransactionState state) {}
        Map<Key, List<Transaction>> groups = new HashMap<>();
        for (Transaction tx : created(fromHour, toHour)) {
            groups.computeIfAbsent(
                            new Key(
                                    MarketHours.hourOf(tx.createdAt()),
                                    tx.amount().currency(),
                                    tx.state()),
                            key -> new ArrayList<>())
                    .add(tx);
        }
        return groups.entrySet().stream()
                .map(group -> new HourlyActivity(
                        group.getKey().hour(),
                        group.getKey().state(),
                        group.getValue().size(),
                        sum(group.getKey().currency(), group.getValue())))
                .toList();
    }

    @Override
    public List<StateTotal> totals() {
        record Key(Currency currency, TransactionState state) {}
        Map<Key, List<Transaction>> groups = new HashMap<>();
        for (Transaction tx : transactions.all()) {
            groups.computeIfAbsent(new Key(tx.amount().currency(), tx.state()), key -> new ArrayList<>())
                    .add(tx);
        }
        return groups.entrySet().stream()
                .map(group -> new StateTotal(
                        group.getKey().state(),
                        group.getValue().size(),
                        sum(group.getKey().currency(), group.getValue())))
                .toList();
    }

    @Override
    public List<CapabilityDemand> topCapabilities(Instant fromHour, Instant toHour, int limit) {
        Map<Capability, Long> counts = new HashMap<>();
        created(fromHour, toHour).forEach(tx -> counts.merge(tx.capability(), 1L, Long::sum));
        return counts.entrySet().stream()
                .map(entry -> new CapabilityDemand(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingLong(CapabilityDemand::hires)
                        .reversed()
                        .thenComparing(CapabilityDemand::capability))
                .limit(limit)
                .toList();
    }

    @Override
    public List<HourlyFees> fees(Instant fromHour, Instant toHour) {
        record Key(Instant hour, Currency currency) {}
        Map<Key, Money> sums = new HashMap<>();
        for (JournalEntry entry : journal.entriesAfter(0, Integer.MAX_VALUE)) {
            if (entry.at().isBefore(fromHour) || !entry.at().isBefore(toHour)) {
                continue;
            }
            for (Posting posting : entry.postings()) {
                if (posting.account().equals(Account.PLATFORM_FEES)) {
                    sums.merge(
                            new Key(
                                    MarketHours.hourOf(entry.at()),
                                    posting.amount().currency()),
                            posting.amount(),
                            Money::plus);
                }
            }
        }
        return sums.entrySet().stream()
                .map(sum -> new HourlyFees(sum.getKey().hour(), sum.getValue()))
                .toList();
    }

    @Override
    public Map<Currency, Money> feeBalance() {
        return journal.balanceOf(Account.PLATFORM_FEES);
    }

    @Override
    public long hiresSince(Instant since) {
        return created(since, Instant.MAX).size();
    }

    private List<Transaction> created(Instant from, Instant to) {
        return transactions.all().stream()
                .filter(tx -> !tx.createdAt().isBefore(from) && tx.createdAt().isBefore(to))
                .toList();
    }

    private static Money sum(Currency currency, List<Transaction> transactions) {
        return transactions.stream().map(Transaction::amount).reduce(Money.zero(currency), Money::plus);
    }
}
