package dev.agentmarketplace.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.idempotency.IdempotencyRecord;
import dev.agentmarketplace.core.idempotency.IdempotencyRecords;
import dev.agentmarketplace.core.idempotency.StoredResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdempotencyRecords} adapter must do; persistence runs it against H2 and
 * PostgreSQL. Instants carry at most microseconds, the precision of a database timestamp.
 */
public abstract class IdempotencyRecordsContract {
    private static final int THREADS = 16;
    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00.123456Z");
    private static final String KEY = "order-2026-11-26-0001";
    private static final String FINGERPRINT = "a".repeat(64);
    private static final String OTHER_FINGERPRINT = "b".repeat(64);
    private static final StoredResponse CREATED = new StoredResponse(
            201, "application/json", "{\"id\":\"tx-1\",\"note\":\"çà €\"}", Optional.of("/api/v1/transactions/tx-1"));

    /** An adapter holding no records. */
    protected abstract IdempotencyRecords records();

    private static IdempotencyRecord claim(String caller, String key, Instant at) {
        return IdempotencyRecord.claim(caller, key, FINGERPRINT, at);
    }

    private static IdempotencyRecord completed(IdempotencyRecord claim, StoredResponse response) {
        return new IdempotencyRecord(
                claim.caller(), claim.key(), claim.fingerprint(), claim.claimedAt(), Optional.of(response));
    }

    @Test
    void firstClaimIsStoredAndFoundWithoutAResponse() {
        IdempotencyRecords records = records();
        IdempotencyRecord claim = claim("alice", KEY, T0);

        assertThat(records.claim(claim)).isTrue();

        assertThat(records.find("alice", KEY)).contains(claim);
        assertThat(records.find("alice", "another-key-0000001")).isEmpty();
    }

    @Test
    void secondClaimOfTheSameKeyIsRefusedAndKeepsTheFirst() {
        IdempotencyRecords records = records();
        IdempotencyRecord first = claim("alice", KEY, T0);
        records.claim(first);

        assertThat(records.claim(IdempotencyRecord.claim("alice", KEY, OTHER_FINGERPRINT, T0.plusSeconds(1))))
                .isFalse();
        assertThat(records.find("alice", KEY)).contains(first);
    }

    @Test
    void keysAreScopedToTheCaller() {
        IdempotencyRecords records = records();

        assertThat(records.claim(claim("alice", KEY, T0))).isTrue();
        assertThat(records.claim(claim("bob", KEY, T0))).isTrue();
        assertThat(records.find("bob", KEY)).contains(claim("bob", KEY, T0));
    }

    @Test
    void completedResponseIsReturnedWithTheClaim() {
        IdempotencyRecords records = records();
        IdempotencyRecord withLocation = claim("alice", KEY, T0);
        IdempotencyRecord withoutLocation = claim("alice", "second-key-00000001", T0);
        StoredResponse noLocation = new StoredResponse(200, "text/plain; charset=utf-8", "", Optional.empty());
        records.claim(withLocation);
        records.claim(withoutLocation);

        records.complete("alice", KEY, CREATED);
        records.complete("alice", "second-key-00000001", noLocation);

        assertThat(records.find("alice", KEY)).contains(completed(withLocation, CREATED));
        assertThat(records.find("alice", "second-key-00000001")).contains(completed(withoutLocation, noLocation));
    }

    @Test
    void responseOfTheLargestReplayableSizeRoundTrips() {
        IdempotencyRecords records = records();
        IdempotencyRecord claim = claim("alice", KEY, T0);
        String body = "{\"é\":\"" + "x€".repeat((StoredResponse.MAX_BODY_LENGTH - 10) / 2) + "\"}";
        StoredResponse large = new StoredResponse(201, "application/json", body, Optional.empty());
        records.claim(claim);

        records.complete("alice", KEY, large);

        assertThat(records.find("alice", KEY))
                .hasValueSatisfying(found -> assertThat(found.response()).contains(large));
    }

    @Test
    void releaseRemovesAClaimWithoutResponseSoTheKeyCanBeClaimedAgain() {
        IdempotencyRecords records = records();
        records.claim(claim("alice", KEY, T0));

        records.release("alice", KEY);

        assertThat(records.find("alice", KEY)).isEmpty();
        assertThat(records.claim(claim("alice", KEY, T0.plusSeconds(1)))).isTrue();
    }

    @Test
    void releaseKeepsACompletedRecord() {
        IdempotencyRecords records = records();
        IdempotencyRecord claim = claim("alice", KEY, T0);
        records.claim(claim);
        records.complete("alice", KEY, CREATED);

        records.release("alice", KEY);

        assertThat(records.find("alice", KEY)).contains(completed(claim, CREATED));
    }

    @Test
    void takeOverReplacesAStaleClaimWithTheFreshOne() {
        IdempotencyRecords records = records();
        records.claim(claim("alice", KEY, T0));
        IdempotencyRecord fresh = claim("alice", KEY, T0.plusSeconds(90));

        assertThat(records.takeOver("alice", KEY, T0, fresh)).isTrue();

        assertThat(records.find("alice", KEY)).contains(fresh);
    }

    @Test
    void takeOverIsRefusedWhenTheClaimChangedOrHasAResponse() {
        IdempotencyRecords records = records();
        IdempotencyRecord current = claim("alice", KEY, T0.plusSeconds(30));
        records.claim(current);
        IdempotencyRecord done = claim("alice", "completed-key-000001", T0);
        records.claim(done);
        records.complete("alice", "completed-key-000001", CREATED);

        assertThat(records.takeOver("alice", KEY, T0, claim("alice", KEY, T0.plusSeconds(90))))
                .isFalse();
        assertThat(records.takeOver(
                        "alice",
                        "completed-key-000001",
                        T0,
                        claim("alice", "completed-key-000001", T0.plusSeconds(90))))
                .isFalse();
        assertThat(records.takeOver("alice", "never-claimed-key-01", T0, claim("alice", "never-claimed-key-01", T0)))
                .isFalse();

        assertThat(records.find("alice", KEY)).contains(current);
        assertThat(records.find("alice", "completed-key-000001")).contains(completed(done, CREATED));
        assertThat(records.find("alice", "never-claimed-key-01")).isEmpty();
    }

    @Test
    void recordsClaimedBeforeTheCutoffAreDeletedAndCounted() {
        IdempotencyRecords records = records();
        records.claim(claim("alice", "old-key-000000000001", T0.minusSeconds(10)));
        records.claim(claim("bob", "old-key-000000000002", T0.minusNanos(1_000)));
        records.complete("bob", "old-key-000000000002", CREATED);
        records.claim(claim("alice", "at-cutoff-0000000001", T0));
        records.claim(claim("alice", "new-key-000000000001", T0.plusSeconds(1)));

        assertThat(records.deleteClaimedBefore(T0)).isEqualTo(2);

        assertThat(records.find("alice", "old-key-000000000001")).isEmpty();
        assertThat(records.find("bob", "old-key-000000000002")).isEmpty();
        assertThat(records.find("alice", "at-cutoff-0000000001")).isPresent();
        assertThat(records.find("alice", "new-key-000000000001")).isPresent();
        assertThat(records.deleteClaimedBefore(T0)).isZero();
    }

    @Test
    void ofConcurrentClaimsOnOneKeyExactlyOneWins() throws InterruptedException {
        IdempotencyRecords records = records();

        List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(
                THREADS,
                thread -> records.claim(
                        IdempotencyRecord.claim("alice", KEY, fingerprint(thread), T0.plusSeconds(thread))));

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        List<Integer> winners = winners(outcomes);
        assertThat(winners).hasSize(1);
        int winner = winners.getFirst();
        assertThat(records.find("alice", KEY))
                .contains(IdempotencyRecord.claim("alice", KEY, fingerprint(winner), T0.plusSeconds(winner)));
    }

    @Test
    void ofConcurrentTakeOversOfOneStaleClaimExactlyOneWins() throws InterruptedException {
        IdempotencyRecords records = records();
        records.claim(claim("alice", KEY, T0));

        List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(
                THREADS,
                thread -> records.takeOver(
                        "alice",
                        KEY,
                        T0,
                        IdempotencyRecord.claim("alice", KEY, fingerprint(thread), T0.plusSeconds(60 + thread))));

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        List<Integer> winners = winners(outcomes);
        assertThat(winners).hasSize(1);
        int winner = winners.getFirst();
        assertThat(records.find("alice", KEY))
                .contains(IdempotencyRecord.claim("alice", KEY, fingerprint(winner), T0.plusSeconds(60 + winner)));
    }

    private static String fingerprint(int thread) {
        return "%064x".formatted(thread);
    }

    private static List<Integer> winners(List<Concurrently.Outcome<Boolean>> outcomes) {
        return IntStream.range(0, outcomes.size())
                .filter(thread -> outcomes.get(thread).value())
                .boxed()
                .toList();
    }
}
