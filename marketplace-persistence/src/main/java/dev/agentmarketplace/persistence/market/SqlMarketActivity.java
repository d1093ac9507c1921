package dev.agentmarketplace.persistence.market;

import dev.agentmarketplace.core.ledger.Account;
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
import dev.agentmarketplace.persistence.Sql;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * {@link MarketActivity} as rollup tables (V11) that a catch-up keeps current:
 *
 * <ul>
 *   <li>{@code market_hour} and {@code market_capability_hour}: transactions by creation hour. A
 *       move (a row of {@code ledger_transition}) makes its transaction's creation hour dirty; a dirty
 *       hour is recomputed as a whole from {@code ledger_transaction_by_time}, so doing it twice is
 *       harmless. Moves are found through {@code ledger_transition_by_time}, scanning again the
 *       {@link CatchUpLimits#commitLag} before where the last scan ended: a move's timestamp comes
 *       from the clock before its unit of work commits, so a late commit lands inside that margin.
 *   <li>{@code market_fee_hour}: the fee account's postings, added in journal sequence order. The
 *       journal head's row lock serializes appends until commit, so every entry up to the head's
 *       committed sequence is visible and none after it: the cursor's sequence is exact, and each
 *       posting is added once.
 * </ul>
 *
 * <p>A catch-up step runs in a transaction of its own and starts by locking the one cursor row with
 * {@code SKIP LOCKED}: while a replica catches up, another one skips instead of waiting, and cannot
 * add a posting twice. The lock is a single row that no other unit of work takes, so it is outside
 * the ledger's lock order. Reads are index ranges over the rollups; only {@link #hiresSince} reads
 * {@code ledger_transaction}, a count over one hour of its time index.
 */
@ApplicationScoped
@Transactional
public class SqlMarketActivity implements MarketActivity {
    private static final Duration HOUR = Duration.ofHours(1);

    @Override
    public CatchUp catchUp(Instant now, CatchUpLimits limits) {
        return QuarkusTransaction.requiringNew()
                .call(() -> session().doReturningWork(connection -> catchUp(connection, now, limits)));
    }

    private static CatchUp catchUp(Connection connection, Instant now, CatchUpLimits limits) throws SQLException {
        Optional<Cursor> locked = lockCursor(connection);
        if (locked.isEmpty()) {
            return CatchUp.SKIPPED;
        }
        Cursor cursor = locked.get();
        Instant scannedTo;
        if (cursor.scannedTo().isEmpty()) {
            markEveryHourWithHires(connection, now);
            scannedTo = now;
        } else {
            // A clock set back (tests do it) scans from its own now, never from a future.
            Instant last = cursor.scannedTo().get().isAfter(now)
                    ? now
                    : cursor.scannedTo().get();
            Instant from = last.minus(limits.commitLag());
            Instant limit = last.plus(HOUR.multipliedBy(limits.maxHours()));
            scannedTo = limit.isBefore(now) ? limit : now;
            markHoursMovedIn(connection, from, scannedTo);
        }
        int recomputed = recomputeDirtyHours(connection, limits.maxHours());
        long head = journalHead(connection);
        long upTo = Math.min(head, cursor.journalSequence() + limits.maxJournalEntries());
        long entries = addFees(connection, cursor.journalSequence(), upTo);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE market_rollup_cursor SET scanned_to = ?, journal_sequence = ? WHERE id = 1")) {
            update.setObject(1, Sql.timestamp(scannedTo));
            update.setLong(2, upTo);
            update.executeUpdate();
        }
        boolean caughtUp = scannedTo.equals(now) && upTo == head && !anyDirtyHour(connection);
        return new CatchUp(true, recomputed, entries, caughtUp);
    }

    private record Cursor(Optional<Instant> scannedTo, long journalSequence) {}

    private static Optional<Cursor> lockCursor(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT scanned_to, journal_sequence FROM market_rollup_cursor WHERE id = 1 FOR UPDATE SKIP LOCKED");
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(
                    new Cursor(Optional.ofNullable(Sql.instant(row, "scanned_to")), row.getLong("journal_sequence")));
        }
    }

    /** The first catch-up: every hour from the first hire's to now's, through the time index's two ends. */
    private static void markEveryHourWithHires(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT MIN(created_at) AS first_hire, MAX(created_at) AS last_hire FROM ledger_transaction");
                ResultSet row = select.executeQuery()) {
            row.next();
            Instant first = Sql.instant(row, "first_hire");
            if (first == null) {
                return;
            }
            Instant last = Sql.instant(row, "last_hire");
            Instant end = MarketHours.hourOf(last.isAfter(now) ? last : now);
            SortedSet<Instant> hours = new TreeSet<>();
            for (Instant hour = MarketHours.hourOf(first); !hour.isAfter(end); hour = hour.plus(HOUR)) {
                hours.add(hour);
            }
            markDirty(connection, hours);
        }
    }

    /** The creation hours of the transactions that moved in {@code [from, to]}. */
    private static void markHoursMovedIn(Connection connection, Instant from, Instant to) throws SQLException {
        SortedSet<Instant> hours = new TreeSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT t.created_at FROM ledger_transition r"
                + " JOIN ledger_transaction t ON t.id = r.transaction_id"
                + " WHERE r.occurred_at >= ? AND r.occurred_at <= ?")) {
            select.setObject(1, Sql.timestamp(from));
            select.setObject(2, Sql.timestamp(to));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    hours.add(MarketHours.hourOf(Sql.instant(rows, "created_at")));
                }
            }
        }
        markDirty(connection, hours);
    }

    /** Only the cursor's holder writes dirty hours, so looking before inserting cannot race. */
    private static void markDirty(Connection connection, SortedSet<Instant> hours) throws SQLException {
        if (hours.isEmpty()) {
            return;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT hour_start FROM market_dirty_hour WHERE hour_start >= ? AND hour_start <= ?")) {
            select.setObject(1, Sql.timestamp(hours.first()));
            select.setObject(2, Sql.timestamp(hours.last()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    hours.remove(Sql.instant(rows, "hour_start"));
                }
            }
        }
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO market_dirty_hour (hour_start) VALUES (?)")) {
            for (Instant hour : hours) {
                insert.setObject(1, Sql.timestamp(hour));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The most recent dirty hours first: they are the ones the overview's window shows. */
    private static int recomputeDirtyHours(Connection connection, int maxHours) throws SQLException {
        List<Instant> hours = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT hour_start FROM market_dirty_hour ORDER BY hour_start DESC FETCH FIRST ? ROWS ONLY")) {
            select.setInt(1, maxHours);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    hours.add(Sql.instant(rows, "hour_start"));
                }
            }
        }
        for (Instant hour : hours) {
            recompute(connection, hour);
        }
        return hours.size();
    }

    private record StateKey(String currency, String state) {}

    private static void recompute(Connection connection, Instant hour) throws SQLException {
        Map<StateKey, long[]> counts = new HashMap<>();
        Map<StateKey, BigDecimal> amounts = new HashMap<>();
        Map<String, Long> demand = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT currency, state, capability, COUNT(*) AS hires, SUM(amount) AS amount FROM ledger_transaction"
                        + " WHERE created_at >= ? AND created_at < ? GROUP BY currency, state, capability")) {
            select.setObject(1, Sql.timestamp(hour));
            select.setObject(2, Sql.timestamp(hour.plus(HOUR)));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    StateKey key = new StateKey(rows.getString("currency"), rows.getString("state"));
                    long hires = rows.getLong("hires");
                    counts.computeIfAbsent(key, k -> new long[1])[0] += hires;
                    amounts.merge(key, rows.getBigDecimal("amount"), BigDecimal::add);
                    demand.merge(rows.getString("capability"), hires, Long::sum);
                }
            }
        }
        for (String table : List.of("market_hour", "market_capability_hour", "market_dirty_hour")) {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM " + table + " WHERE hour_start = ?")) {
                delete.setObject(1, Sql.timestamp(hour));
                delete.executeUpdate();
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO market_hour (hour_start, currency, state, hires, amount) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<StateKey, long[]> count : counts.entrySet()) {
                insert.setObject(1, Sql.timestamp(hour));
                insert.setString(2, count.getKey().currency());
                insert.setString(3, count.getKey().state());
                insert.setLong(4, count.getValue()[0]);
                insert.setBigDecimal(5, amounts.get(count.getKey()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO market_capability_hour (hour_start, capability, hires) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, Long> count : demand.entrySet()) {
                insert.setObject(1, Sql.timestamp(hour));
                insert.setString(2, count.getKey());
                insert.setLong(3, count.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static boolean anyDirtyHour(Connection connection) throws SQLException {
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT 1 FROM market_dirty_hour FETCH FIRST 1 ROWS ONLY");
                ResultSet row = select.executeQuery()) {
            return row.next();
        }
    }

    private static long journalHead(Connection connection) throws SQLException {
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT entry_sequence FROM journal_head WHERE id = 1");
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private record FeeKey(Instant hour, String currency) {}

    /** Adds the fee postings of entries {@code (after, upTo]}; returns how many entries that was. */
    private static long addFees(Connection connection, long after, long upTo) throws SQLException {
        if (upTo <= after) {
            return 0;
        }
        Map<FeeKey, BigDecimal> sums = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT e.occurred_at, p.currency, p.amount"
                + " FROM journal_posting p JOIN journal_entry e ON e.entry_sequence = p.entry_sequence"
                + " WHERE p.entry_sequence > ? AND p.entry_sequence <= ? AND p.account = ?")) {
            select.setLong(1, after);
            select.setLong(2, upTo);
            select.setString(3, Account.PLATFORM_FEES.name());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sums.merge(
                            new FeeKey(
                                    MarketHours.hourOf(Sql.instant(rows, "occurred_at")), rows.getString("currency")),
                            rows.getBigDecimal("amount"),
                            BigDecimal::add);
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE market_fee_hour SET amount = amount + ? WHERE hour_start = ? AND currency = ?");
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO market_fee_hour (hour_start, currency, amount) VALUES (?, ?, ?)")) {
            for (Map.Entry<FeeKey, BigDecimal> sum : sums.entrySet()) {
                update.setBigDecimal(1, sum.getValue());
                update.setObject(2, Sql.timestamp(sum.getKey().hour()));
                update.setString(3, sum.getKey().currency());
                if (update.executeUpdate() == 0) {
                    insert.setObject(1, Sql.timestamp(sum.getKey().hour()));
                    insert.setString(2, sum.getKey().currency());
                    insert.setBigDecimal(3, sum.getValue());
                    insert.executeUpdate();
                }
            }
        }
        return upTo - after;
    }

    @Override
    public List<HourlyActivity> hours(Instant fromHour, Instant toHour) {
        return session().doReturningWork(connection -> {
            List<HourlyActivity> hours = new ArrayList<>();
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT hour_start, currency, state, hires, amount FROM market_hour"
                            + " WHERE hour_start >= ? AND hour_start < ?")) {
                select.setObject(1, Sql.timestamp(fromHour));
                select.setObject(2, Sql.timestamp(toHour));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        hours.add(new HourlyActivity(
                                Sql.instant(rows, "hour_start"),
                                TransactionState.valueOf(rows.getString("state")),
                                rows.getLong("hires"),
                                money(rows, "amount")));
                    }
                }
            }
            return hours;
        });
    }

    /** The sum of every hour: as many rows as hours times currencies times states, no transaction read. */
    @Override
    public List<StateTotal> totals() {
        return session().doReturningWork(connection -> {
            List<StateTotal> totals = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                            "SELECT currency, state, SUM(hires) AS hires, SUM(amount) AS amount FROM market_hour"
                                    + " GROUP BY currency, state");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    totals.add(new StateTotal(
                            TransactionState.valueOf(rows.getString("state")),
                            rows.getLong("hires"),
                            money(rows, "amount")));
                }
            }
            return totals;
        });
    }

    /**
     * Sorted here, not by the database: a tie is broken by the capability's name in Java's order,
     * which PostgreSQL's collation of the day would not promise. A window holds as many rows as
     * capabilities hired in it.
     */
    @Override
    public List<CapabilityDemand> topCapabilities(Instant fromHour, Instant toHour, int limit) {
        return session().doReturningWork(connection -> {
            List<CapabilityDemand> demand = new ArrayList<>();
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT capability, SUM(hires) AS hires FROM market_capability_hour"
                            + " WHERE hour_start >= ? AND hour_start < ? GROUP BY capability")) {
                select.setObject(1, Sql.timestamp(fromHour));
                select.setObject(2, Sql.timestamp(toHour));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        demand.add(new CapabilityDemand(
                                Capability.of(rows.getString("capability")), rows.getLong("hires")));
                    }
                }
            }
            return demand.stream()
                    .sorted(Comparator.comparingLong(CapabilityDemand::hires)
                            .reversed()
                            .thenComparing(CapabilityDemand::capability))
                    .limit(limit)
                    .toList();
        });
    }

    @Override
    public List<HourlyFees> fees(Instant fromHour, Instant toHour) {
        return session().doReturningWork(connection -> {
            List<HourlyFees> fees = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT hour_start, currency, amount FROM market_fee_hour WHERE hour_start >= ? AND hour_start < ?")) {
                select.setObject(1, Sql.timestamp(fromHour));
                select.setObject(2, Sql.timestamp(toHour));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        fees.add(new HourlyFees(Sql.instant(rows, "hour_start"), money(rows, "amount")));
                    }
                }
            }
            return fees;
        });
    }

    @Override
    public Map<Currency, Money> feeBalance() {
        return session().doReturningWork(connection -> {
            Map<Currency, Money> balance = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                            "SELECT currency, SUM(amount) AS amount FROM market_fee_hour GROUP BY currency");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Money amount = money(rows, "amount");
                    balance.put(amount.currency(), amount);
                }
            }
            return balance;
        });
    }

    @Override
    public long hiresSince(Instant since) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT COUNT(*) FROM ledger_transaction WHERE created_at >= ?")) {
                select.setObject(1, Sql.timestamp(since));
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    private static Money money(ResultSet row, String column) throws SQLException {
        return Money.of(row.getBigDecimal(column), Currency.of(row.getString("currency")));
    }

    private static Session session() {
        return Panache.getEntityManager().unwrap(Session.class);
    }
}
