package dev.agentmarketplace.core.market;

import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Port: the market's activity as hourly rollups of the ledger, kept by the adapter so that a read
 * never scans every transaction. A transaction counts in the hour it was created in, under the
 * state it is in now; fees count in the hour their journal entry occurred in.
 *
 * <p>{@link #catchUp} brings the rollups up to date one bounded step at a time. Adapters must keep
 * them exact when a transaction moves long after its creation (settled, disputed, resolved), must
 * never count a move or a posting twice when several replicas catch up at once, and must keep their
 * progress in storage every replica shares, not in memory.
 */
public interface MarketActivity {
    /** One bounded step of bringing the rollups up to {@code now}; {@link CatchUp#SKIPPED} when another replica is at it. */
    CatchUp catchUp(Instant now, CatchUpLimits limits);

    /** The hourly rows of the hours in {@code [fromHour, toHour)}, as of the last catch-up. */
    List<HourlyActivity> hours(Instant fromHour, Instant toHour);

    /** Every transaction by currency and current state, as of the last catch-up. */
    List<StateTotal> totals();

    /** Hires created in {@code [fromHour, toHour)} per capability, most first, ties by name, at most {@code limit}. */
    List<CapabilityDemand> topCapabilities(Instant fromHour, Instant toHour, int limit);

    /** The fee account's gains in the hours in {@code [fromHour, toHour)}, as of the last catch-up. */
    List<HourlyFees> fees(Instant fromHour, Instant toHour);

    /** The fee account's gains of every hour, per currency: its balance, as of the last catch-up. */
    Map<Currency, Money> feeBalance();

    /** Hires created at or after {@code since}, read live (an index range, not a rollup). */
    long hiresSince(Instant since);
}
