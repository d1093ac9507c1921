package dev.agentmarketplace.core.idempotency;

import dev.agentmarketplace.core.ConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Port: idempotency records shared by every replica. {@link #claim}, {@link #find} and {@link
 * #complete} act in the caller's unit of work, the one that does the guarded work: the claim, the
 * work and the answer commit together or not at all. A request that dies before its commit (its
 * replica killed, its connection lost) therefore leaves no claim behind, and a request whose answer
 * is lost after its commit leaves the answer for its retry.
 */
public interface IdempotencyRecords {
    /**
     * Stores {@code claim} unless (caller, key) already has a record; true when this call stored it.
     * While another unit of work holds an uncommitted claim on the same key, this call waits for it
     * to end, at most {@code wait}: then it is false if that claim committed, and this call's claim
     * is stored (true) if it rolled back.
     *
     * @throws ConflictException with {@code IDEMPOTENCY_IN_PROGRESS} when the other unit of work
     *     did not end within {@code wait}
     */
    boolean claim(IdempotencyRecord claim, Duration wait);

    /** The record of (caller, key), locked until the end of the unit of work. */
    Optional<IdempotencyRecord> find(String caller, String key);

    /** Attaches the response to the claim on (caller, key). */
    void complete(String caller, String key, StoredResponse response);

    /** Removes every record claimed before {@code cutoff}; returns how many. */
    int deleteClaimedBefore(Instant cutoff);
}
