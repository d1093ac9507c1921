package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.idempotency.IdempotencyRecord;
import dev.agentmarketplace.core.idempotency.IdempotencyRecords;
import dev.agentmarketplace.core.idempotency.StoredResponse;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The idempotency port in memory. Every change is one atomic map operation, final at once and
 * outside any unit of work, as the port asks of a database that commits each call on its own.
 */
public final class InMemoryIdempotencyRecords implements IdempotencyRecords {
    private record Key(String caller, String key) {}

    private final ConcurrentMap<Key, IdempotencyRecord> records = new ConcurrentHashMap<>();

    @Override
    public boolean claim(IdempotencyRecord claim) {
        return records.putIfAbsent(new Key(claim.caller(), claim.key()), claim) == null;
    }

    @Override
    public Optional<IdempotencyRecord> find(String caller, String key) {
        return Optional.ofNullable(records.get(new Key(caller, key)));
    }

    @Override
    public boolean takeOver(String caller, String key, Instant staleClaimedAt, IdempotencyRecord fresh) {
        boolean[] replaced = {false};
        records.computeIfPresent(new Key(caller, key), (unused, stored) -> {
            if (stored.response().isEmpty() && stored.claimedAt().equals(staleClaimedAt)) {
                replaced[0] = true;
                return fresh;
            }
            return stored;
        });
        return replaced[0];
    }

    @Override
    public void complete(String caller, String key, StoredResponse response) {
        records.computeIfPresent(
                new Key(caller, key),
                (unused, stored) -> new IdempotencyRecord(
                        stored.caller(),
                        stored.key(),
                        stored.fingerprint(),
                        stored.claimedAt(),
                        Optional.of(response)));
    }

    @Override
    public void release(String caller, String key) {
        records.computeIfPresent(
                new Key(caller, key), (unused, stored) -> stored.response().isEmpty() ? null : stored);
    }

    @Override
    public int deleteClaimedBefore(Instant cutoff) {
        int[] deleted = {0};
        records.values().removeIf(record -> {
            boolean old = record.claimedAt().isBefore(cutoff);
            if (old) {
                deleted[0]++;
            }
            return old;
        });
        return deleted[0];
    }
}
