package dev.agentmarketplace.core.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.idempotency.IdempotentRequests.Outcome;
import dev.agentmarketplace.core.testing.InMemoryIdempotencyRecords;
import dev.agentmarketplace.core.testing.InMemoryUnitOfWork;
import dev.agentmarketplace.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class IdempotentRequestsTest {
    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00.123456789Z");
    private static final Instant T0_MICROS = Instant.parse("2026-11-26T08:00:00.123456Z");
    private static final IdempotencySettings SETTINGS =
            new IdempotencySettings(Duration.ofHours(24), Duration.ofSeconds(10));
    private static final String KEY = "hire-2026-11-26-0001";
    private static final String HIRE = "1".repeat(64);
    private static final String OTHER_HIRE = "2".repeat(64);
    private static final StoredResponse CREATED =
            new StoredResponse(201, "application/json", "{\"id\":\"tx-1\"}", Optional.of("/api/v1/transactions/tx-1"));

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final InMemoryIdempotencyRecords records = new InMemoryIdempotencyRecords(unitOfWork);
    private final IdempotentRequests requests = new IdempotentRequests(records, unitOfWork, clock, SETTINGS);
    private final AtomicInteger runs = new AtomicInteger();

    private Outcome<String> hire(String caller, String key, String fingerprint) {
        return requests.once(caller, key, fingerprint, () -> "tx-" + runs.incrementAndGet(), result -> CREATED);
    }

    private static void conflict(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void firstRequestWithAKeyRunsAndKeepsItsResponseWithTheClaim() {
        assertThat(hire("alice", KEY, HIRE)).isEqualTo(new Outcome.Ran<>("tx-1"));

        assertThat(records.find("alice", KEY))
                .contains(new IdempotencyRecord("alice", KEY, HIRE, T0_MICROS, Optional.of(CREATED)));
    }

    @Test
    void retryOfACompletedRequestReplaysItsResponseWithoutRunningAgain() {
        hire("alice", KEY, HIRE);
        clock.advance(Duration.ofHours(1));

        assertThat(hire("alice", KEY, HIRE)).isEqualTo(new Outcome.Replayed<>(CREATED));
        assertThat(hire("alice", KEY, HIRE)).isEqualTo(new Outcome.Replayed<>(CREATED));
        assertThat(runs).hasValue(1);
    }

    @Test
    void sameKeyForAnotherRequestIsAMismatchAndDoesNotRun() {
        hire("alice", KEY, HIRE);

        conflict(ErrorCode.IDEMPOTENCY_MISMATCH, () -> hire("alice", KEY, OTHER_HIRE));
        assertThat(runs).hasValue(1);
    }

    @Test
    void keysBelongToTheirCaller() {
        hire("alice", KEY, HIRE);

        assertThat(hire("bob", KEY, OTHER_HIRE)).isEqualTo(new Outcome.Ran<>("tx-2"));
    }

    @Test
    void aRequestThatFailsLeavesNoClaimSoItsRetryRunsAtOnce() {
        assertThatThrownBy(() -> requests.once(
                        "alice",
                        KEY,
                        HIRE,
                        () -> {
                            runs.incrementAndGet();
                            throw new IllegalStateException("the replica dies mid-request");
                        },
                        result -> CREATED))
                .isInstanceOf(IllegalStateException.class);

        assertThat(records.find("alice", KEY)).isEmpty();
        assertThat(hire("alice", KEY, HIRE)).isEqualTo(new Outcome.Ran<>("tx-2"));
    }

    @Test
    void aResponseThatCannotBeKeptUndoesTheClaimWithTheWork() {
        assertThatThrownBy(() -> requests.once("alice", KEY, HIRE, () -> "tx-1", result -> {
                    throw new IllegalStateException("the response cannot be written");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(records.find("alice", KEY)).isEmpty();
    }

    @Test
    void committedClaimWithoutAResponseFromAnEarlierReleaseIsRunInPlace() {
        unitOfWork.run(() -> records.claim(IdempotencyRecord.claim("alice", KEY, HIRE, T0_MICROS), Duration.ZERO));
        clock.advance(Duration.ofSeconds(5));

        assertThat(hire("alice", KEY, HIRE)).isEqualTo(new Outcome.Ran<>("tx-1"));
        assertThat(records.find("alice", KEY))
                .hasValueSatisfying(found -> assertThat(found.response()).contains(CREATED));
        conflict(ErrorCode.IDEMPOTENCY_MISMATCH, () -> hire("alice", KEY, OTHER_HIRE));
    }

    @Test
    void purgeForgetsRecordsOlderThanTheRetention() {
        hire("alice", KEY, HIRE);
        clock.advance(Duration.ofHours(23));
        hire("alice", "hire-2026-11-26-0002", HIRE);
        clock.advance(Duration.ofHours(1).plusSeconds(1));

        assertThat(requests.purgeExpired()).isEqualTo(1);

        assertThat(records.find("alice", KEY)).isEmpty();
        assertThat(records.find("alice", "hire-2026-11-26-0002")).isPresent();
        assertThat(hire("alice", KEY, OTHER_HIRE)).isEqualTo(new Outcome.Ran<>("tx-3"));
    }

    @Test
    void keyAndFingerprintMustBeWellFormed() {
        assertThatThrownBy(() -> hire("alice", "short", HIRE)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> hire("alice", "has a space in it 000", HIRE))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> hire("alice", KEY, "A".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hire("alice", KEY, "a".repeat(63))).isInstanceOf(IllegalArgumentException.class);
        assertThat(records.find("alice", KEY)).isEmpty();
        assertThat(runs).hasValue(0);
    }

    @Test
    void settingsNeedAPositiveWaitShorterThanTheRetention() {
        assertThatThrownBy(() -> new IdempotencySettings(Duration.ofHours(24), Duration.ZERO))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new IdempotencySettings(Duration.ofSeconds(10), Duration.ofSeconds(10)))
                .isInstanceOf(InvalidValueException.class);
    }
}
