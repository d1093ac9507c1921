package dev.agentmarketplace.persistence.ledger;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.AccountBalance;
import dev.agentmarketplace.core.ledger.JournalEntry;
import dev.agentmarketplace.core.ledger.JournalHead;
import dev.agentmarketplace.core.ledger.JournalRepository;
import dev.agentmarketplace.core.ledger.Posting;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link JournalRepository} on Hibernate ORM Panache. Appends are serialized by a row lock on the
 * single {@code journal_head} row, held until the unit of work ends, and backed by the primary key
 * on the sequence; entries are only ever inserted.
 */
@ApplicationScoped
@Transactional
public class PanacheJournalRepository implements JournalRepository {

    /** SELECT ... FOR UPDATE of the head row: the next appender, on any replica, waits for our commit. */
    @Override
    public JournalHead lockHead() {
        JournalHeadEntity head = lockedHead();
        return new JournalHead(head.sequence, head.hash);
    }

    @Override
    public void append(JournalEntry entry) {
        JournalHeadEntity head = lockedHead();
        if (entry.sequence() != head.sequence + 1 || !entry.previousHash().equals(head.hash)) {
            throw new ConflictException(
                    ErrorCode.CONCURRENT_MODIFICATION,
                    "journal entry " + entry.sequence() + " does not follow the head, entry " + head.sequence);
        }
        JournalMapper.toEntity(entry).persist();
        head.sequence = entry.sequence();
        head.hash = entry.hash();
        JournalEntryEntity.flush();
        // The balances rollup (V14), under the head's lock like the entry itself, so no other
        // append writes it meanwhile and a missing row may simply be inserted.
        for (Posting posting : entry.postings()) {
            addToBalance(
                    posting.account().name(),
                    posting.amount().currency().code(),
                    posting.amount().amount());
        }
    }

    private static void addToBalance(String account, String currency, BigDecimal amount) {
        EntityManager entities = JournalEntryEntity.getEntityManager();
        int updated = entities.createNativeQuery(
                        "UPDATE account_balance SET balance = balance + ?1 WHERE account = ?2 AND currency = ?3")
                .setParameter(1, amount)
                .setParameter(2, account)
                .setParameter(3, currency)
                .executeUpdate();
        if (updated == 0) {
            entities.createNativeQuery("INSERT INTO account_balance (account, currency, balance) VALUES (?1, ?2, ?3)")
                    .setParameter(1, account)
                    .setParameter(2, currency)
                    .setParameter(3, amount)
                    .executeUpdate();
        }
    }

    @Override
    public JournalHead head() {
        JournalHeadEntity head = JournalHeadEntity.findById(JournalHeadEntity.THE_HEAD);
        if (head == null) {
            throw new IllegalStateException("journal_head has no row: the V3 migration inserts it");
        }
        // The persistence context may hold the row from earlier in this unit of work.
        JournalHeadEntity.getEntityManager().refresh(head);
        return new JournalHead(head.sequence, head.hash);
    }

    /** A keyset page of the rollup in primary-key order: one index range scan. */
    @Override
    public List<AccountBalance> balances(Optional<AccountBalance.Cursor> after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String keyset = after.isPresent() ? " WHERE account > ?1 OR (account = ?1 AND currency > ?2)" : "";
        var query = JournalEntryEntity.getEntityManager()
                .createNativeQuery("SELECT account, currency, balance FROM account_balance" + keyset
                        + " ORDER BY account, currency");
        after.ifPresent(cursor -> query.setParameter(1, cursor.account().name())
                .setParameter(2, cursor.currency().code()));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.setMaxResults(limit).getResultList();
        return rows.stream()
                .map(row -> {
                    Currency currency = Currency.of((String) row[1]);
                    return new AccountBalance(Account.parse((String) row[0]), Money.of((BigDecimal) row[2], currency));
                })
                .toList();
    }

    @Override
    public List<JournalEntry> entriesOf(TransactionId transaction) {
        return JournalEntryEntity.<JournalEntryEntity>find("transactionId", Sort.by("sequence"), transaction.value())
                .stream()
                .map(JournalMapper::toDomain)
                .toList();
    }

    /** Keyset on the sequence (the primary key), so the verifier's walk never scans what it has seen. */
    @Override
    public List<JournalEntry> entriesAfter(long sequence, int limit) {
        return JournalEntryEntity.<JournalEntryEntity>find("sequence > ?1", Sort.by("sequence"), sequence)
                .page(Page.ofSize(limit))
                .list()
                .stream()
                .map(JournalMapper::toDomain)
                .toList();
    }

    /** One SUM per currency, read from the (account, currency, amount) index. */
    @Override
    public Map<Currency, Money> balanceOf(Account account) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = JournalEntryEntity.getEntityManager()
                .createNativeQuery(
                        "SELECT currency, SUM(amount) FROM journal_posting WHERE account = ?1 GROUP BY currency")
                .setParameter(1, account.name())
                .getResultList();
        Map<Currency, Money> balance = new HashMap<>();
        for (Object[] row : rows) {
            Currency currency = Currency.of((String) row[0]);
            balance.put(currency, Money.of((BigDecimal) row[1], currency));
        }
        return Map.copyOf(balance);
    }

    private static JournalHeadEntity lockedHead() {
        JournalHeadEntity head = JournalHeadEntity.findById(JournalHeadEntity.THE_HEAD, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("journal_head has no row: the V3 migration inserts it");
        }
        return head;
    }
}
