package dev.agentmarketplace.persistence.ledger;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.AccountBalance;
import dev.agentmarketplace.core.ledger.EntryKind;
import dev.agentmarketplace.core.ledger.JournalChain;
import dev.agentmarketplace.core.ledger.JournalEntry;
import dev.agentmarketplace.core.ledger.JournalHead;
import dev.agentmarketplace.core.ledger.JournalRepository;
import dev.agentmarketplace.core.ledger.Posting;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.UnchainedEntry;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.persistence.Sql;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * {@link JournalRepository} on Hibernate ORM Panache and plain JDBC batches. A move's entry is one
 * row of {@code journal_queue}; chaining ({@link JournalChain}, run by {@link JournalChainer}) is
 * serialized by a row lock on the single {@code journal_head} row, held until its unit of work ends,
 * and backed by the primary key on the sequence; chained entries are only ever inserted.
 */
@ApplicationScoped
@Transactional
public class PanacheJournalRepository implements JournalRepository {
    private static final String CHAINING_REQUESTED = PanacheJournalRepository.class.getName() + ".chaining";

    private final TransactionSynchronizationRegistry synchronizations;
    private final JournalChainer chainer;

    PanacheJournalRepository(TransactionSynchronizationRegistry synchronizations, JournalChainer chainer) {
        this.synchronizations = synchronizations;
        this.chainer = chainer;
    }

    /** One insert, and once per transaction a request to chain what it queued as soon as it commits. */
    @Override
    public void enqueue(UnchainedEntry entry) {
        // No flush first: the transaction the queue row refers to is written by plain JDBC too
        // (TransactionWrites), so it is in the database already.
        JournalEntryEntity.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO journal_queue (id, transaction_id, kind, occurred_at, postings) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, entry.id().toString());
                insert.setString(2, entry.transactionId().value());
                insert.setString(3, entry.kind().name());
                insert.setObject(4, Sql.timestamp(entry.at()));
                insert.setString(5, encode(entry.postings()));
                insert.executeUpdate();
            }
        });
        if (synchronizations.getResource(CHAINING_REQUESTED) == null) {
            synchronizations.putResource(CHAINING_REQUESTED, Boolean.TRUE);
            synchronizations.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        chainer.requestRound();
                    }
                }
            });
        }
    }

    @Override
    public List<UnchainedEntry> unchained(int limit) {
        return JournalEntryEntity.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, transaction_id, kind, occurred_at, postings FROM journal_queue ORDER BY queue_order"
                            + " FETCH FIRST ? ROWS ONLY")) {
                select.setInt(1, limit);
                List<UnchainedEntry> queued = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        queued.add(new UnchainedEntry(
                                UUID.fromString(rows.getString(1)),
                                TransactionId.of(rows.getString(2)),
                                EntryKind.valueOf(rows.getString(3)),
                                rows.getObject(4, OffsetDateTime.class).toInstant(),
                                decode(rows.getString(5))));
                    }
                }
                return queued;
            }
        });
    }

    /** SELECT ... FOR UPDATE of the head row: the next chainer, on any replica, waits for our commit. */
    @Override
    public JournalHead lockHead() {
        JournalHeadEntity head = lockedHead();
        return new JournalHead(head.sequence, head.hash);
    }

    /**
     * The entries, their postings, the removal of their queue rows and the balances rollup (V14), as
     * JDBC batches: a handful of round trips for a whole batch. Under the head's lock, so no other
     * append writes the rollup meanwhile and a missing row may simply be inserted.
     */
    @Override
    public void appendAll(List<JournalEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        JournalHeadEntity head = lockedHead();
        JournalHead expected = new JournalHead(head.sequence, head.hash);
        for (JournalEntry entry : entries) {
            if (entry.sequence() != expected.sequence() + 1
                    || !entry.previousHash().equals(expected.hash())) {
                throw new ConflictException(
                        ErrorCode.CONCURRENT_MODIFICATION,
                        "journal entry " + entry.sequence() + " does not follow the head, entry "
                                + expected.sequence());
            }
            expected = new JournalHead(entry.sequence(), entry.hash());
        }
        JournalEntryEntity.getEntityManager().unwrap(Session.class).doWork(connection -> write(connection, entries));
        head.sequence = expected.sequence();
        head.hash = expected.hash();
    }

    private static void write(Connection connection, List<JournalEntry> entries) throws SQLException {
        Map<List<String>, BigDecimal> balanceChanges = new LinkedHashMap<>();
        try (PreparedStatement entry = connection.prepareStatement(
                        "INSERT INTO journal_entry (entry_sequence, id, transaction_id, kind, occurred_at, previous_hash,"
                                + " hash) VALUES (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement posting = connection.prepareStatement(
                        "INSERT INTO journal_posting (entry_sequence, account, currency, amount) VALUES (?, ?, ?, ?)");
                PreparedStatement dequeue = connection.prepareStatement("DELETE FROM journal_queue WHERE id = ?")) {
            for (JournalEntry appended : entries) {
                entry.setLong(1, appended.sequence());
                entry.setString(2, appended.id().toString());
                entry.setString(3, appended.transactionId().value());
                entry.setString(4, appended.kind().name());
                entry.setObject(5, OffsetDateTime.ofInstant(appended.at(), ZoneOffset.UTC));
                entry.setString(6, appended.previousHash());
                entry.setString(7, appended.hash());
                entry.addBatch();
                for (Posting line : appended.postings()) {
                    posting.setLong(1, appended.sequence());
                    posting.setString(2, line.account().name());
                    posting.setString(3, line.amount().currency().code());
                    posting.setBigDecimal(4, line.amount().amount());
                    posting.addBatch();
                    balanceChanges.merge(
                            List.of(
                                    line.account().name(),
                                    line.amount().currency().code()),
                            line.amount().amount(),
                            BigDecimal::add);
                }
                dequeue.setString(1, appended.id().toString());
                dequeue.addBatch();
            }
            entry.executeBatch();
            posting.executeBatch();
            dequeue.executeBatch();
        }
        addToBalances(connection, balanceChanges);
    }

    private static void addToBalances(Connection connection, Map<List<String>, BigDecimal> changes)
            throws SQLException {
        List<Map.Entry<List<String>, BigDecimal>> rows = List.copyOf(changes.entrySet());
        int[] updated;
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE account_balance SET balance = balance + ? WHERE account = ? AND currency = ?")) {
            for (Map.Entry<List<String>, BigDecimal> row : rows) {
                update.setBigDecimal(1, row.getValue());
                update.setString(2, row.getKey().get(0));
                update.setString(3, row.getKey().get(1));
                update.addBatch();
            }
            updated = update.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO account_balance (account, currency, balance) VALUES (?, ?, ?)")) {
            boolean any = false;
            for (int i = 0; i < rows.size(); i++) {
                if (updated[i] == 0) {
                    insert.setString(1, rows.get(i).getKey().get(0));
                    insert.setString(2, rows.get(i).getKey().get(1));
                    insert.setBigDecimal(3, rows.get(i).getValue());
                    insert.addBatch();
                    any = true;
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    /** Postings as "account|currency|amount" lines; neither an account name nor a currency code has a '|'. */
    static String encode(List<Posting> postings) {
        StringBuilder text = new StringBuilder();
        for (Posting posting : postings) {
            text.append(posting.account().name())
                    .append('|')
                    .append(posting.amount().currency().code())
                    .append('|')
                    .append(posting.amount().amount().toPlainString())
                    .append('\n');
        }
        return text.toString();
    }

    static List<Posting> decode(String encoded) {
        List<Posting> postings = new ArrayList<>();
        for (String line : encoded.split("\n")) {
            String[] fields = line.split("\\|", 3);
            Currency currency = Currency.of(fields[1]);
            postings.add(new Posting(Account.parse(fields[0]), Money.of(new BigDecimal(fields[2]), currency)));
        }
        return postings;
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
