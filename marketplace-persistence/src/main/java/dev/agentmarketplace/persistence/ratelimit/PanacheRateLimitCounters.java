package dev.agentmarketplace.persistence.ratelimit;

import dev.agentmarketplace.core.ratelimit.RateLimitCounters;
import dev.agentmarketplace.persistence.UniqueViolation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * {@link RateLimitCounters} on the {@code rate_limit_window} table. Each call commits in a
 * transaction of its own, so a request is counted even when the work it guards fails, and the row
 * lock is held only for the increment.
 */
@ApplicationScoped
public class PanacheRateLimitCounters implements RateLimitCounters {
    private static final String OF_WINDOW = "caller = ?1 and windowStart = ?2";

    /** Enough for every caller that raced to create the same window; only creation can collide. */
    private static final int ATTEMPTS = 5;

    /**
     * The same statements on H2 and PostgreSQL: the UPDATE takes the row's lock, so the count read
     * after it is this call's own; without a row yet, an INSERT, and when a concurrent first
     * request inserted it meanwhile, the loser's retry finds the row to update.
     */
    @Override
    public long add(String caller, Instant windowStart, long requests) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    if (RateLimitWindowEntity.update(
                                    "requestCount = requestCount + ?3 where " + OF_WINDOW,
                                    caller,
                                    windowStart,
                                    requests)
                            == 1) {
                        return RateLimitWindowEntity.<RateLimitWindowEntity>findById(
                                        new RateLimitWindowEntity.Key(caller, windowStart))
                                .requestCount;
                    }
                    RateLimitWindowEntity first = new RateLimitWindowEntity();
                    first.caller = caller;
                    first.windowStart = windowStart;
                    first.requestCount = requests;
                    first.persistAndFlush();
                    return requests;
                });
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !UniqueViolation.causedBy(e)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public long count(String caller, Instant windowStart) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RateLimitWindowEntity window =
                    RateLimitWindowEntity.findById(new RateLimitWindowEntity.Key(caller, windowStart));
            return window == null ? 0L : window.requestCount;
        });
    }

    @Override
    public int deleteWindowsBefore(Instant cutoff) {
        return QuarkusTransaction.requiringNew()
                .call(() -> (int) RateLimitWindowEntity.delete("windowStart < ?1", cutoff));
    }
}
