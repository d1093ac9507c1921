package dev.agentmarketplace.app;

import dev.agentmarketplace.core.idempotency.IdempotentRequests;
import dev.agentmarketplace.core.ratelimit.RateLimiter;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Keeps the API's shared counts current and bounded on every replica: the rate limiter's local
 * counts are added to the shared ones every few seconds (so other replicas see a quiet caller's
 * requests too), and rate-limit windows and idempotency records that no longer matter are deleted.
 * Replicas doing the same deletes at once is harmless.
 */
@ApplicationScoped
public class ApiHousekeeping {
    private static final Logger LOG = Logger.getLogger(ApiHousekeeping.class);

    private final RateLimiter limiter;
    private final IdempotentRequests idempotentRequests;

    ApiHousekeeping(RateLimiter limiter, IdempotentRequests idempotentRequests) {
        this.limiter = limiter;
        this.idempotentRequests = idempotentRequests;
    }

    @Scheduled(
            identity = "rate-limit-flush",
            every = "${marketplace.api.rate-limit.flush-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushRateLimitCounts() {
        limiter.flush();
    }

    @Scheduled(
            identity = "api-purge",
            every = "${marketplace.api.purge-interval:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int windows = limiter.purgeExpired();
        int records = idempotentRequests.purgeExpired();
        if (windows > 0 || records > 0) {
            LOG.infof("Purged %d rate-limit windows and %d idempotency records past their use", windows, records);
        }
    }
}
