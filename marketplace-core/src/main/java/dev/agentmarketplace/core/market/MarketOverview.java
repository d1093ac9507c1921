package dev.agentmarketplace.core.market;

import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The figures of the market overview, and the one place their windows are defined:
 *
 * <ul>
 *   <li><b>agents</b>: registered (not deregistered) and effectively ONLINE (declared ONLINE,
 *       heartbeat within the lease), now;
 *   <li><b>hires per hour</b>: hires created in the last 60 minutes, whatever became of them;
 *   <li><b>the window</b> of every other figure: the 24 whole UTC hours ending with the current one
 *       (so between 23 and 24 hours), counted by the hour each hire was created in;
 *   <li><b>volume</b>: per currency, the amounts of the window's hires that were not cancelled
 *       (a cancelled or expired hold never traded), and the same over all time;
 *   <li><b>settlement and dispute rates</b>: of the window's hires that have left PENDING, the share
 *       now SETTLED, and the share now DISPUTED or RESOLVED (a dispute stays a dispute once resolved);
 *       the rest were cancelled;
 *   <li><b>fee revenue</b>: what the platform-fees account of the journal gained in the window,
 *       refunds deducted, and its balance;
 *   <li><b>series</b>: hires and volume per hour of the window; <b>transactions by state</b>: every
 *       transaction by its current state; <b>top capabilities</b>: by hires created in the window.
 * </ul>
 *
 * <p>Reads come from the {@link MarketActivity} rollups. A snapshot first lets the rollups catch
 * up one small step, so that a move made a moment ago shows at once; the scheduled {@link #refresh}
 * does the heavy catching up.
 */
public final class MarketOverview {
    public static final Duration WINDOW = Duration.ofHours(24);
    public static final Duration HIRE_RATE_PERIOD = Duration.ofMinutes(60);

    private final MarketActivity activity;
    private final AgentCensus census;
    private final Clock clock;
    private final OverviewSettings settings;

    public MarketOverview(MarketActivity activity, AgentCensus census, Clock clock, OverviewSettings settings) {
        this.activity = Objects.requireNonNull(activity, "activity");
        this.census = Objects.requireNonNull(census, "census");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The market now, after one small catch-up step of the rollups. */
    public MarketSnapshot snapshot() {
        Instant now = clock.instant();
        activity.catchUp(now, settings.pageStep());
        Instant windowEnd = MarketHours.hourOf(now).plus(Duration.ofHours(1));
        Instant windowStart = windowEnd.minus(WINDOW);

        List<HourlyActivity> hours = activity.hours(windowStart, windowEnd);
        Map<TransactionState, Long> inWindow = new EnumMap<>(TransactionState.class);
        Map<Currency, Money> volume = new HashMap<>();
        for (HourlyActivity row : hours) {
            inWindow.merge(row.state(), row.hires(), Long::sum);
            if (row.state() != TransactionState.CANCELLED) {
                volume.merge(row.amount().currency(), row.amount(), Money::plus);
            }
        }
        long concluded = inWindow.entrySet().stream()
                .filter(entry -> entry.getKey() != TransactionState.PENDING)
                .mapToLong(Map.Entry::getValue)
                .sum();
        Rate settlementRate = new Rate(inWindow.getOrDefault(TransactionState.SETTLED, 0L), concluded);
        Rate disputeRate = new Rate(
                inWindow.getOrDefault(TransactionState.DISPUTED, 0L)
                        + inWindow.getOrDefault(TransactionState.RESOLVED, 0L),
                concluded);

        Map<TransactionState, Long> byState = new EnumMap<>(TransactionState.class);
        Map<Currency, Money> volumeAllTime = new HashMap<>();
        for (StateTotal total : activity.totals()) {
            byState.merge(total.state(), total.transactions(), Long::sum);
            if (total.state() != TransactionState.CANCELLED) {
                volumeAllTime.merge(total.amount().currency(), total.amount(), Money::plus);
            }
        }

        Map<Currency, Money> feeRevenue = new HashMap<>();
        for (HourlyFees fees : activity.fees(windowStart, windowEnd)) {
            feeRevenue.merge(fees.amount().currency(), fees.amount(), Money::plus);
        }

        return new MarketSnapshot(
                now,
                windowStart,
                windowEnd,
                census.count(now.minus(settings.heartbeatLease())),
                activity.hiresSince(now.minus(HIRE_RATE_PERIOD)),
                volume,
                volumeAllTime,
                settlementRate,
                disputeRate,
                feeRevenue,
                activity.feeBalance(),
                series(windowStart, windowEnd, hours),
                byState,
                activity.topCapabilities(windowStart, windowEnd, settings.topCapabilities()));
    }

    /**
     * Catches the rollups up, step after step, until nothing is left or {@link
     * OverviewSettings#maxRefreshSteps} steps ran; stops at once when another replica is at it.
     * Returns the steps' summed work.
     */
    public CatchUp refresh() {
        int hours = 0;
        long entries = 0;
        for (int step = 0; step < settings.maxRefreshSteps(); step++) {
            CatchUp done = activity.catchUp(clock.instant(), settings.refreshStep());
            if (!done.ran()) {
                return new CatchUp(step > 0, hours, entries, false);
            }
            hours += done.hoursRecomputed();
            entries += done.journalEntriesRead();
            if (done.caughtUp()) {
                return new CatchUp(true, hours, entries, true);
            }
        }
        return new CatchUp(true, hours, entries, false);
    }

    /** One point per hour of {@code [start, end)}, zero where the rollup has no row. */
    private static List<HourPoint> series(Instant start, Instant end, List<HourlyActivity> rows) {
        Map<Instant, Long> hires = new HashMap<>();
        Map<Instant, Map<Currency, Money>> volume = new HashMap<>();
        for (HourlyActivity row : rows) {
            hires.merge(row.hour(), row.hires(), Long::sum);
            if (row.state() != TransactionState.CANCELLED) {
                volume.computeIfAbsent(row.hour(), hour -> new HashMap<>())
                        .merge(row.amount().currency(), row.amount(), Money::plus);
            }
        }
        List<HourPoint> points = new ArrayList<>();
        for (Instant hour = start; hour.isBefore(end); hour = hour.plus(Duration.ofHours(1))) {
            points.add(new HourPoint(hour, hires.getOrDefault(hour, 0L), volume.getOrDefault(hour, Map.of())));
        }
        return points;
    }
}
