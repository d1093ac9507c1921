package dev.agentmarketplace.core.idempotency;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A caller's claim on an idempotency key: the fingerprint of the request that made it, when, and,
 * once that request succeeded, its response. Keys are scoped to the caller that sent them.
 */
public record IdempotencyRecord(
        String caller, String key, String fingerprint, Instant claimedAt, Optional<StoredResponse> response) {
    public IdempotencyRecord {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(response, "response");
    }

    public static IdempotencyRecord claim(String caller, String key, String fingerprint, Instant at) {
        return new IdempotencyRecord(caller, key, fingerprint, at, Optional.empty());
    }
}
