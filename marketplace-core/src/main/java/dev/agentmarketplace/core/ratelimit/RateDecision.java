package dev.agentmarketplace.core.ratelimit;

import java.time.Duration;

/**
 * The verdict on one request: allowed or not, the limit, how many more requests the caller may make
 * now, and, when refused, how long to wait (whole seconds, at least one, as {@code Retry-After} needs).
 */
public record RateDecision(boolean allowed, int limit, int remaining, Duration retryAfter) {}
