package dev.agentmarketplace.persistence.idempotency;

import dev.agentmarketplace.core.idempotency.IdempotencyRecord;
import dev.agentmarketplace.core.idempotency.IdempotencyRecords;
import dev.agentmarketplace.core.idempotency.StoredResponse;
import dev.agentmarketplace.persistence.UniqueViolation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link IdempotencyRecords} on the {@code idempotency_record} table. Every method commits in a
 * transaction of its own, whatever the caller's: the port wants a claim visible to a retry on
 * another replica before the guarded work starts, and kept when that work rolls back.
 */
@ApplicationScoped
public class PanacheIdempotencyRecords implements IdempotencyRecords {
    private static final String OF_KEY = "caller = :caller and idempotencyKey = :key";

    @Override
    public boolean claim(IdempotencyRecord claim) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (IdempotencyRecordEntity.findById(new IdempotencyRecordEntity.Key(claim.caller(), claim.key()))
                        != null) {
                    return false;
                }
                toEntity(claim).persistAndFlush();
                return true;
            });
        } catch (RuntimeException e) {
            // A claim another replica had not committed when we looked: the primary key decides.
            if (UniqueViolation.causedBy(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<IdempotencyRecord> find(String caller, String key) {
        return QuarkusTransaction.requiringNew()
                .call(() -> IdempotencyRecordEntity.<IdempotencyRecordEntity>findByIdOptional(
                                new IdempotencyRecordEntity.Key(caller, key))
                        .map(PanacheIdempotencyRecords::toDomain));
    }

    /** A conditional UPDATE: of several replicas taking over the same claim, the row lock lets one match. */
    @Override
    public boolean takeOver(String caller, String key, Instant staleClaimedAt, IdempotencyRecord fresh) {
        StoredResponse response = fresh.response().orElse(null);
        Parameters parameters = ofKey(caller, key)
                .and("stale", staleClaimedAt)
                .and("fingerprint", fresh.fingerprint())
                .and("claimedAt", fresh.claimedAt());
        return QuarkusTransaction.requiringNew()
                .call(() -> IdempotencyRecordEntity.update(
                                "fingerprint = :fingerprint, claimedAt = :claimedAt, responseStatus = :status,"
                                        + " contentType = :contentType, body = :body, location = :location"
                                        + " where " + OF_KEY + " and responseStatus is null and claimedAt = :stale",
                                withResponse(parameters, response))
                        == 1);
    }

    @Override
    public void complete(String caller, String key, StoredResponse response) {
        QuarkusTransaction.requiringNew()
                .run(() -> IdempotencyRecordEntity.update(
                        "responseStatus = :status, contentType = :contentType, body = :body, location = :location"
                                + " where " + OF_KEY,
                        withResponse(ofKey(caller, key), response)));
    }

    @Override
    public void release(String caller, String key) {
        QuarkusTransaction.requiringNew()
                .run(() -> IdempotencyRecordEntity.delete(OF_KEY + " and responseStatus is null", ofKey(caller, key)));
    }

    @Override
    public int deleteClaimedBefore(Instant cutoff) {
        return QuarkusTransaction.requiringNew()
                .call(() -> (int) IdempotencyRecordEntity.delete("claimedAt < ?1", cutoff));
    }

    private static Parameters ofKey(String caller, String key) {
        return Parameters.with("caller", caller).and("key", key);
    }

    private static Parameters withResponse(Parameters parameters, StoredResponse response) {
        return parameters
                .and("status", response == null ? null : response.status())
                .and("contentType", response == null ? null : response.contentType())
                .and("body", response == null ? null : response.body())
                .and("location", response == null ? null : response.location().orElse(null));
    }

    private static IdempotencyRecordEntity toEntity(IdempotencyRecord record) {
        IdempotencyRecordEntity entity = new IdempotencyRecordEntity();
        entity.caller = record.caller();
        entity.idempotencyKey = record.key();
        entity.fingerprint = record.fingerprint();
        entity.claimedAt = record.claimedAt();
        record.response().ifPresent(response -> {
            entity.responseStatus = response.status();
            entity.contentType = response.contentType();
            entity.body = response.body();
            entity.location = response.location().orElse(null);
        });
        return entity;
    }

    private static IdempotencyRecord toDomain(IdempotencyRecordEntity entity) {
        Optional<StoredResponse> response = entity.responseStatus == null
                ? Optional.empty()
                : Optional.of(new StoredResponse(
                        entity.responseStatus, entity.contentType, entity.body, Optional.ofNullable(entity.location)));
        return new IdempotencyRecord(
                entity.caller, entity.idempotencyKey, entity.fingerprint, entity.claimedAt, response);
    }
}
