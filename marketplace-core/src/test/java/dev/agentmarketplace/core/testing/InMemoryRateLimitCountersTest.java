package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.ratelimit.RateLimitCounters;

class InMemoryRateLimitCountersTest extends RateLimitCountersContract {
    @Override
    protected RateLimitCounters counters() {
        return new InMemoryRateLimitCounters();
    }
}
