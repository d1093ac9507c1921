package dev.agentmarketplace.x402.facilitator;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the facilitator is and how patiently it is asked.
 *
 * @param baseUrl the facilitator's base URL; {@code /verify}, {@code /settle} and {@code /supported}
 *     are resolved under it
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for a whole answer, body included; {@code /settle} waits for
 *     the transfer to be mined, so this is seconds, not milliseconds
 * @param maxAttempts how many times a retriable call is tried, at least 1
 * @param backoff the delay before the second attempt; it doubles per attempt
 * @param maxBackoff the longest delay between attempts, also the most a {@code Retry-After} is honoured
 * @param authorization the credential header, if the facilitator wants one
 */
public record FacilitatorConfig(
        URI baseUrl,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration backoff,
        Duration maxBackoff,
        Optional<AuthorizationHeader> authorization) {

    public FacilitatorConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!baseUrl.isAbsolute() || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))) {
            throw new IllegalArgumentException(
                    "the facilitator's base URL must be an absolute http(s) URL, was " + baseUrl);
        }
        positive(connectTimeout, "connectTimeout");
        positive(requestTimeout, "requestTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        positive(backoff, "backoff");
        positive(maxBackoff, "maxBackoff");
        Objects.requireNonNull(authorization, "authorization");
    }

    /**
     * Defaults for {@code baseUrl}: connect within 5 s, an answer within 30 s (a settlement waits for
     * a block), 3 attempts, 500 ms backoff doubling up to 5 s, no credential.
     */
    public static FacilitatorConfig of(URI baseUrl) {
        return new FacilitatorConfig(
                baseUrl,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                3,
                Duration.ofMillis(500),
                Duration.ofSeconds(5),
                Optional.empty());
    }

    public FacilitatorConfig withTimeouts(Duration connect, Duration request) {
        return new FacilitatorConfig(baseUrl, connect, request, maxAttempts, backoff, maxBackoff, authorization);
    }

    public FacilitatorConfig withRetries(int attempts, Duration first, Duration longest) {
        return new FacilitatorConfig(baseUrl, connectTimeout, requestTimeout, attempts, first, longest, authorization);
    }

    public FacilitatorConfig withAuthorization(AuthorizationHeader header) {
        return new FacilitatorConfig(
                baseUrl, connectTimeout, requestTimeout, maxAttempts, backoff, maxBackoff, Optional.of(header));
    }

    /** The delay before attempt {@code attempt + 1}: {@code backoff} doubled per attempt, at most {@code maxBackoff}. */
    Duration backoffAfter(int attempt) {
        Duration delay = backoff;
        for (int i = 1; i < attempt && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) < 0 ? delay : maxBackoff;
    }

    private static void positive(Duration value, String field) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, was " + value);
        }
    }
}
