package dev.agentmarketplace.core.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: idempotency claims shared by every replica. Each method is atomic and durable on return,
 * outside any unit of work of the request it guards, so that a claim is visible to a concurrent
 * retry on another replica before the guarded work starts.
 */
public interface IdempotencyRecords {
    /** Stores {@code claim} unless (caller, key) is already claimed; true when this call stored it. */
    boolean claim(IdempotencyRecord claim);

    Optional<IdempotencyRecord> find(String caller, String key);

    /**
     * Replaces the claim on (caller, key) with {@code fresh} if it still has no response and was
     * claimed at {@code staleClaimedAt}; true when this call replaced it. Of several callers taking
     * over the same abandoned claim, exactly one succeeds.
     */
    boolean takeOver(String caller, String key, Instant staleClaimedAt, IdempotencyRecord fresh);

    /** Attaches the response to the claim on (caller, key). */
    void complete(String caller, String key, StoredResponse response);

    /** Removes the claim on (caller, key) if it has no response, so a retry runs the request again. */
    void release(String caller, String key);

    /** Removes every record claimed before {@code cutoff}; returns how many. */
    int deleteClaimedBefore(Instant cutoff);
}
