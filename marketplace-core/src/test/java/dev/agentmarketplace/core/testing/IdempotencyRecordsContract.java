package dev.agentmarketplace.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.idempotency.IdempotencyRecord;
import dev.agentmarketplace.core.idempotency.IdempotencyRecords;
import dev.agentmarketplace.core.idempotency.StoredResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdempotencyRecords} adapter must do; persistence runs it against H2 and
 * PostgreSQL. Every call is made in a unit of work of the adapter's own kind, as the port asks.
 * Instants carry at most microseconds, the precision of a database timestamp.
 */
public abstract class IdempotencyRecordsContract {
    private static final int THREADS = 16;
    protected static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00.123456Z");
    private static final String KEY = "order-2026-11-26-0001";
    private static final String FINGERPRINT = "a".repeat(64);
    private static final String OTHER_FINGERPRINT = "b".repeat(64);
    private static final StoredResponse CREATED = new StoredResponse(
            201, "application/json", "{\"id\":\"tx-1\",\"note\":\"çà €\"}", Optional.of("/api/v1/transactions/tx-1"));

    /** An adapter holding no records. */
    protected abstract IdempotencyRecords records();

    /** The unit of work the adapter's calls take part in. */
    protected abstract UnitOfWork unitOfWork();

    private <T> T in(Supplier<T> work) {
        return unitOfWork().execute(work);
    }

    private boolean claim(IdempotencyRecords records, IdempotencyRecord claim) {
        return in(() -> records.claim(claim, WAIT));
    }

    private Optional<IdempotencyRecord> find(IdempotencyRecords records, String caller, String key) {
        return in(() -> records.find(caller, key));
    }

    private void complete(IdempotencyRecords records, String caller, String key, StoredResponse response) {
        unitOfWork().run(() -> records.complete(caller, key, response));
    }

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

        assertThat(claim(records, claim)).isTrue();

        assertThat(find(records, "alice", KEY)).contains(claim);
        assertThat(find(records, "alice", "another-key-0000001")).isEmpty();
    }

    @Test
    void secondClaimOfTheSameKeyIsRefusedAndKeepsTheFirst() {
        IdempotencyRecords records = records();
        IdempotencyRecord first = claim("alice", KEY, T0);
        claim(records, first);

        assertThat(claim(records, IdempotencyRecord.claim("alice", KEY, OTHER_FINGERPRINT, T0.plusSeconds(1))))
                .isFalse();
        assertThat(find(records, "alice", KEY)).contains(first);
    }

    @Test
    void keysAreScopedToTheCaller() {
        IdempotencyRecords records = records();

        assertThat(claim(records, claim("alice", KEY, T0))).isTrue();
        assertThat(claim(records, claim("bob", KEY, T0))).isTrue();
        assertThat(find(records, "bob", KEY)).contains(claim("bob", KEY, T0));
    }

    @Test
    void claimAndResponseOfAUnitOfWorkThatFailsAreGoneWithIt() {
        IdempotencyRecords records = records();
        IdempotencyRecord kept = claim("alice", "kept-key-00000000001", T0);
        claim(records, kept);

        assertThatThrownBy(() -> unitOfWork().run(() -> {
                    records.claim(claim("alice", KEY, T0), WAIT);
                    records.complete("alice", "kept-key-00000000001", CREATED);
                    throw new IllegalStateException("the guarded work fails");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(find(records, "alice", KEY)).isEmpty();
        assertThat(find(records, "alice", "kept-key-00000000001")).contains(kept);
        assertThat(claim(records, claim("alice", KEY, T0.plusSeconds(1)))).isTrue();
    }

    @Test
    void claimWorkAndResponseInOneUnitOfWorkCommitTogether() {
        IdempotencyRecords records = records();
        IdempotencyRecord claim = claim("alice", KEY, T0);

        unitOfWork().run(() -> {
            assertThat(records.claim(claim, WAIT)).isTrue();
            assertThat(records.find("alice", KEY)).contains(claim);
            records.complete("alice", KEY, CREATED);
        });

        assertThat(find(records, "alice", KEY)).contains(completed(claim, CREATED));
    }

    @Test
    void completedResponseIsReturnedWithTheClaim() {
        IdempotencyRecords records = records();
        IdempotencyRecord withLocation = claim("alice", KEY, T0);
        IdempotencyRecord withoutLocation = claim("alice", "second-key-00000001", T0);
        StoredResponse noLocation = new StoredResponse(200, "text/plain; charset=utf-8", "", Optional.empty());
        claim(records, withLocation);
        claim(records, withoutLocation);

        complete(records, "alice", KEY, CREATED);
        complete(records, "alice", "second-key-00000001", noLocation);

        assertThat(find(records, "alice", KEY)).contains(completed(withLocation, CREATED));
        assertThat(find(records, "alice", "second-key-00000001")).contains(completed(withoutLocation, noLocation));
    }

    @Test
    void responseOfTheLargestReplayableSizeRoundTrips() {
        IdempotencyRecords records = records();
        IdempotencyRecord claim = claim("alice", KEY, T0);
        String body = "{\"é\":\"" + "x€".repeat((StoredResponse.MAX_BODY_LENGTH - 10) / 2) + "\"}";
        StoredResponse large = new StoredResponse(201, "application/json", body, Optional.empty());
        claim(records, claim);

        complete(records, "alice", KEY, large);

        assertThat(find(records, "alice", KEY))
                .hasValueSatisfying(found -> assertThat(found.response()).contains(large));
    }

    @Test
    void recordsClaimedBeforeTheCutoffAreDeletedAndCounted() {
        IdempotencyRecords records = records();
        claim(records, claim("alice", "old-key-000000000001", T0.minusSeconds(10)));
        claim(records, claim("bob", "old-key-000000000002", T0.minusNanos(1_000)));
        complete(records, "bob", "old-key-000000000002", CREATED);
        claim(records, claim("alice", "at-cutoff-0000000001", T0));
        claim(records, claim("alice", "new-key-000000000001", T0.plusSeconds(1)));

        assertThat(in(() -> records.deleteClaimedBefore(T0))).isEqualTo(2);

        assertThat(find(records, "alice", "old-key-000000000001")).isEmpty();
        assertThat(find(records, "bob", "old-key-000000000002")).isEmpty();
        assertThat(find(records, "alice", "at-cutoff-0000000001")).isPresent();
        assertThat(find(records, "alice", "new-key-000000000001")).isPresent();
        assertThat(in(() -> records.deleteClaimedBefore(T0))).isZero();
    }

    @Test
    void ofConcurrentClaimsOnOneKeyExactlyOneWins() throws InterruptedException {
        IdempotencyRecords records = records();

        List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(
                THREADS,
                thread -> claim(
                        records, IdempotencyRecord.claim("alice", KEY, fingerprint(thread), T0.plusSeconds(thread))));

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        List<Integer> winners = winners(outcomes);
        assertThat(winners).hasSize(1);
        int winner = winners.getFirst();
        assertThat(find(records, "alice", KEY))
                .contains(IdempotencyRecord.claim("alice", KEY, fingerprint(winner), T0.plusSeconds(winner)));
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
