package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.idempotency.IdempotencyRecord;
import dev.agentmarketplace.core.idempotency.IdempotencyRecords;
import dev.agentmarketplace.core.idempotency.StoredResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The idempotency port in memory, in the {@link InMemoryUnitOfWork}: a claim and a response are
 * undone with the unit of work that made them. That unit of work runs one work at a time, so a
 * second claim never meets an uncommitted first one and never waits.
 */
public final class InMemoryIdempotencyRecords implements IdempotencyRecords {
    private record Key(String caller, String key) {}

    private final ConcurrentMap<Key, IdempotencyRecord> records = new ConcurrentHashMap<>();
    private final InMemoryUnitOfWork unitOfWork;

    public InMemoryIdempotencyRecords(InMemoryUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    @Override
    public boolean claim(IdempotencyRecord claim, Duration wait) {
        Key key = new Key(claim.caller(), claim.key());
        if (records.putIfAbsent(key, claim) != null) {
            return false;
        }
        unitOfWork.onRollback(() -> records.remove(key, claim));
        return true;
    }

    @Override
    public Optional<IdempotencyRecord> find(String caller, String key) {
        return Optional.ofNullable(records.get(new Key(caller, key)));
    }

    @Override
    public void complete(String caller, String key, StoredResponse response) {
        Key id = new Key(caller, key);
        IdempotencyRecord before = records.get(id);
        if (before == null) {
            return;
        }
        IdempotencyRecord after = new IdempotencyRecord(
                before.caller(), before.key(), before.fingerprint(), before.claimedAt(), Optional.of(response));
        records.put(id, after);
        unitOfWork.onRollback(() -> records.replace(id, after, before));
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
