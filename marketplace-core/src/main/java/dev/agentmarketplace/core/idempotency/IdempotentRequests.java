package dev.agentmarketplace.core.idempotency;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} rules (draft-ietf-httpapi-idempotency-key-header): the first request
 * with a key runs; a retry with the same key and the same request gets the first successful response
 * again; the same key with another request is a conflict. Only a success is kept: a refused request
 * changed nothing, so its retry simply runs again.
 *
 * <p>The claim on the key, the work and its response are one unit of work. So a request that dies
 * before its commit leaves nothing behind and its retry runs at once; a request that committed keeps
 * its response even if the client never got it, and its retry replays it. A retry that arrives while
 * the first request still runs waits for it (on the database's key), then replays its response or,
 * if it failed, runs itself; it waits at most {@link IdempotencySettings#inProgressWait()}.
 *
 * <p>The caller decides who may ask before calling {@link #once}: a replay is an answer to the
 * request, and is only for a caller the operation would still allow.
 */
public final class IdempotentRequests {
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    private final IdempotencyRecords records;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final IdempotencySettings settings;

    public IdempotentRequests(
            IdempotencyRecords records, UnitOfWork unitOfWork, Clock clock, IdempotencySettings settings) {
        this.records = Objects.requireNonNull(records, "records");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** How a request with an idempotency key was answered. */
    public sealed interface Outcome<T> {
        /** The work ran now, and its response is kept for the key. */
        record Ran<T>(T result) implements Outcome<T> {}

        /** The work had run before: answer with its response, the work did not run again. */
        record Replayed<T>(StoredResponse response) implements Outcome<T> {}
    }

    /**
     * Runs {@code work} once for {@code caller}'s request under {@code key}, identified by {@code
     * fingerprint} (the lower-case hex SHA-256 of what makes two requests the same), and keeps the
     * response {@code answer} makes of its result, in the same unit of work.
     *
     * @throws InvalidValueException when the key is not 16-128 printable ASCII characters
     * @throws ConflictException with {@code IDEMPOTENCY_MISMATCH} when the key was used for another
     *     request, or {@code IDEMPOTENCY_IN_PROGRESS} when the first request with the key still runs
     *     after the wait
     */
    public <T> Outcome<T> once(
            String caller,
            String key,
            String fingerprint,
            Supplier<T> work,
            Function<? super T, StoredResponse> answer) {
        Objects.requireNonNull(caller, "caller");
        IdempotencyKey.of(key);
        if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("a fingerprint is a lower-case hex SHA-256");
        }
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(answer, "answer");
        return unitOfWork.execute(() -> {
            // The port gives back what a database keeps: microseconds.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (!records.claim(IdempotencyRecord.claim(caller, key, fingerprint, now), settings.inProgressWait())) {
                Optional<StoredResponse> first = earlierResponse(caller, key, fingerprint);
                if (first.isPresent()) {
                    return new Outcome.Replayed<>(first.get());
                }
            }
            T result = work.get();
            records.complete(caller, key, answer.apply(result));
            return new Outcome.Ran<>(result);
        });
    }

    /**
     * The response of the request that holds the key, empty for a committed claim without one (left
     * by a release that kept claims in a transaction of their own): nothing of its work is known to
     * have committed with it, and the record is locked, so this request runs in its place.
     */
    private Optional<StoredResponse> earlierResponse(String caller, String key, String fingerprint) {
        IdempotencyRecord earlier = records.find(caller, key)
                .orElseThrow(() -> new ConflictException(
                        ErrorCode.IDEMPOTENCY_IN_PROGRESS,
                        "idempotency key '" + key + "' is contended by concurrent requests; retry later"));
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw new ConflictException(
                    ErrorCode.IDEMPOTENCY_MISMATCH,
                    "idempotency key '" + key + "' was already used for a different request");
        }
        return earlier.response();
    }

    /** Forgets records older than the retention; returns how many. */
    public int purgeExpired() {
        Instant cutoff = clock.instant().minus(settings.retention());
        return unitOfWork.execute(() -> records.deleteClaimedBefore(cutoff));
    }
}
