package dev.agentmarketplace.core.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.idempotency.IdempotentRequests.Admission;
import dev.agentmarketplace.core.testing.InMemoryIdempotencyRecords;
import dev.agentmarketplace.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class IdempotentRequestsTest {
    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00.123456789Z");
    private static final IdempotencySettings SETTINGS =
            new IdempotencySettings(Duration.ofHours(24), Duration.ofMinutes(1));
    private static final String KEY = "hire-2026-11-26-0001";
    private static final String HIRE = "1".repeat(64);
    private static final String OTHER_HIRE = "2".repeat(64);
    private static final StoredResponse CREATED =
            new StoredResponse(201, "application/json", "{\"id\":\"tx-1\"}", Optional.of("/api/v1/transactions/tx-1"));

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryIdempotencyRecords records = new InMemoryIdempotencyRecords();
    private final IdempotentRequests requests = new IdempotentRequests(records, clock, SETTINGS);

    private static void conflict(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void firstRequestWithAKeyProceedsAndHoldsAClaim() {
        assertThat(requests.admit("alice", KEY, HIRE)).isEqualTo(new Admission.Proceed());

        assertThat(records.find("alice", KEY))
                .contains(IdempotencyRecord.claim("alice", KEY, HIRE, Instant.parse("2026-11-26T08:00:00.123456Z")));
    }

    @Test
    void retryOfACompletedRequestReplaysItsResponse() {
        requests.admit("alice", KEY, HIRE);
        requests.complete("alice", KEY, CREATED);
        clock.advance(Duration.ofHours(1));

        assertThat(requests.admit("alice", KEY, HIRE)).isEqualTo(new Admission.Replay(CREATED));
        assertThat(requests.admit("alice", KEY, HIRE)).isEqualTo(new Admission.Replay(CREATED));
    }

    @Test
    void sameKeyForAnotherRequestIsAMismatchWhetherRunningOrDone() {
        requests.admit("alice", KEY, HIRE);
        conflict(ErrorCode.IDEMPOTENCY_MISMATCH, () -> requests.admit("alice", KEY, OTHER_HIRE));

        requests.complete("alice", KEY, CREATED);
        conflict(ErrorCode.IDEMPOTENCY_MISMATCH, () -> requests.admit("alice", KEY, OTHER_HIRE));
    }

    @Test
    void keysBelongToTheirCaller() {
        requests.admit("alice", KEY, HIRE);

        assertThat(requests.admit("bob", KEY, OTHER_HIRE)).isEqualTo(new Admission.Proceed());
    }

    @Test
    void retryWhileTheFirstRequestRunsIsInProgressUntilTheLeaseEnds() {
        requests.admit("alice", KEY, HIRE);
        clock.advance(SETTINGS.inProgressLease().minusNanos(1_000));

        conflict(ErrorCode.IDEMPOTENCY_IN_PROGRESS, () -> requests.admit("alice", KEY, HIRE));
    }

    @Test
    void claimAbandonedPastTheLeaseIsTakenOverOnceByTheRetry() {
        requests.admit("alice", KEY, HIRE);
        clock.advance(SETTINGS.inProgressLease());

        assertThat(requests.admit("alice", KEY, HIRE)).isEqualTo(new Admission.Proceed());

        assertThat(records.find("alice", KEY))
                .hasValueSatisfying(record ->
                        assertThat(record.claimedAt()).isEqualTo(Instant.parse("2026-11-26T08:01:00.123456Z")));
        // The retry that took over now holds a fresh lease of its own.
        conflict(ErrorCode.IDEMPOTENCY_IN_PROGRESS, () -> requests.admit("alice", KEY, HIRE));
    }

    @Test
    void releasedClaimLetsTheRetryRunAgain() {
        requests.admit("alice", KEY, HIRE);
        requests.release("alice", KEY);

        assertThat(requests.admit("alice", KEY, HIRE)).isEqualTo(new Admission.Proceed());
        requests.release("alice", KEY);
        assertThat(requests.admit("alice", KEY, OTHER_HIRE)).isEqualTo(new Admission.Proceed());
    }

    @Test
    void releaseAfterCompletionKeepsTheResponse() {
        requests.admit("alice", KEY, HIRE);
        requests.complete("alice", KEY, CREATED);
        requests.release("alice", KEY);

        assertThat(requests.admit("alice", KEY, HIRE)).isEqualTo(new Admission.Replay(CREATED));
    }

    @Test
    void claimReleasedBetweenTheFailedClaimAndTheReadIsClaimedAgain() {
        IdempotencyRecords releasedInBetween = new IdempotencyRecords() {
            private boolean raced;

            @Override
            public boolean claim(IdempotencyRecord claim) {
                if (!raced) {
                    raced = true;
                    return false;
                }
                return records.claim(claim);
            }

            @Override
            public Optional<IdempotencyRecord> find(String caller, String key) {
                return records.find(caller, key);
            }

            @Override
            public boolean takeOver(String caller, String key, Instant staleClaimedAt, IdempotencyRecord fresh) {
                return records.takeOver(caller, key, staleClaimedAt, fresh);
            }

            @Override
            public void complete(String caller, String key, StoredResponse response) {
                records.complete(caller, key, response);
            }

            @Override
            public void release(String caller, String key) {
                records.release(caller, key);
            }

            @Override
            public int deleteClaimedBefore(Instant cutoff) {
                return records.deleteClaimedBefore(cutoff);
            }
        };

        assertThat(new IdempotentRequests(releasedInBetween, clock, SETTINGS).admit("alice", KEY, HIRE))
                .isEqualTo(new Admission.Proceed());
        assertThat(records.find("alice", KEY)).isPresent();
    }

    @Test
    void purgeForgetsRecordsOlderThanTheRetention() {
        requests.admit("alice", KEY, HIRE);
        requests.complete("alice", KEY, CREATED);
        clock.advance(Duration.ofHours(23));
        requests.admit("alice", "hire-2026-11-26-0002", HIRE);
        clock.advance(Duration.ofHours(1).plusSeconds(1));

        assertThat(requests.purgeExpired()).isEqualTo(1);

        assertThat(records.find("alice", KEY)).isEmpty();
        assertThat(records.find("alice", "hire-2026-11-26-0002")).isPresent();
        assertThat(requests.admit("alice", KEY, OTHER_HIRE)).isEqualTo(new Admission.Proceed());
    }

    @Test
    void keyAndFingerprintMustBeWellFormed() {
        assertThatThrownBy(() -> requests.admit("alice", "short", HIRE)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> requests.admit("alice", "has a space in it 000", HIRE))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> requests.admit("alice", KEY, "A".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> requests.admit("alice", KEY, "a".repeat(63)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(records.find("alice", KEY)).isEmpty();
    }
}
