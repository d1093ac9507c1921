package dev.agentmarketplace.core.idempotency;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} rules for requests that create something
 * (draft-ietf-httpapi-idempotency-key-header): the first request with a key runs; a retry with the
 * same key and the same request gets the first successful response again; the same key with another
 * request, or while the first is still running, is a conflict. Only a success is kept: a refused
 * request changed nothing, so its retry simply runs again.
 */
public final class IdempotentRequests {
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_CLAIM_ATTEMPTS = 3;

    private final IdempotencyRecords records;
    private final Clock clock;
    private final IdempotencySettings settings;

    public IdempotentRequests(IdempotencyRecords records, Clock clock, IdempotencySettings settings) {
        this.records = Objects.requireNonNull(records, "records");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** What to do with a request carrying an idempotency key. */
    public sealed interface Admission {
        /** Run the request, then {@link #complete} or {@link #release} its claim. */
        record Proceed() implements Admission {}

        /** Answer with the first response, and do not run the request. */
        record Replay(StoredResponse response) implements Admission {}
    }

    /**
     * Claims {@code key} for {@code caller}'s request, identified by {@code fingerprint} (the
     * lower-case hex SHA-256 of what makes two requests the same).
     *
     * @throws InvalidValueException when the key is not 16-128 printable ASCII characters
     * @throws ConflictException with {@code IDEMPOTENCY_MISMATCH} when the key was used for another
     *     request, or {@code IDEMPOTENCY_IN_PROGRESS} while the first request is still running
     */
    public Admission admit(String caller, String key, String fingerprint) {
        Objects.requireNonNull(caller, "caller");
        IdempotencyKey.of(key);
        if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("a fingerprint is a lower-case hex SHA-256");
        }
        for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
            // The port gives back what a database keeps: microseconds.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (records.claim(IdempotencyRecord.claim(caller, key, fingerprint, now))) {
                return new Admission.Proceed();
            }
            Optional<IdempotencyRecord> existing = records.find(caller, key);
            if (existing.isEmpty()) {
                continue; // released between our claim and our read: claim again
            }
            IdempotencyRecord earlier = existing.get();
            if (!earlier.fingerprint().equals(fingerprint)) {
                throw new ConflictException(
                        ErrorCode.IDEMPOTENCY_MISMATCH,
                        "idempotency key '" + key + "' was already used for a different request");
            }
            if (earlier.response().isPresent()) {
                return new Admission.Replay(earlier.response().get());
            }
            if (now.isBefore(earlier.claimedAt().plus(settings.inProgressLease()))) {
                throw new ConflictException(
                        ErrorCode.IDEMPOTENCY_IN_PROGRESS,
                        "a request with idempotency key '" + key + "' is still being processed; retry later");
            }
            if (records.takeOver(
                    caller, key, earlier.claimedAt(), IdempotencyRecord.claim(caller, key, fingerprint, now))) {
                return new Admission.Proceed();
            }
        }
        throw new ConflictException(
                ErrorCode.IDEMPOTENCY_IN_PROGRESS,
                "idempotency key '" + key + "' is contended by concurrent requests; retry later");
    }

    /** Keeps the successful response of an admitted request for replay. */
    public void complete(String caller, String key, StoredResponse response) {
        records.complete(caller, key, response);
    }

    /** Gives up the claim of an admitted request that failed, so that its retry runs again. */
    public void release(String caller, String key) {
        records.release(caller, key);
    }

    /** Forgets records older than the retention; returns how many. */
    public int purgeExpired() {
        return records.deleteClaimedBefore(clock.instant().minus(settings.retention()));
    }
}
