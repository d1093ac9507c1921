package dev.agentmarketplace.core.testing;

import static dev.agentmarketplace.core.testing.LedgerContractData.agent;
import static dev.agentmarketplace.core.testing.LedgerContractData.key;
import static dev.agentmarketplace.core.testing.LedgerContractData.pending;
import static dev.agentmarketplace.core.testing.LedgerContractData.txId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.payment.OutboxCursor;
import dev.agentmarketplace.core.payment.Payment;
import dev.agentmarketplace.core.payment.PaymentRepository;
import dev.agentmarketplace.core.payment.PaymentRepository.AttemptResult;
import dev.agentmarketplace.core.payment.PaymentState;
import dev.agentmarketplace.core.payment.VerifiedPayment;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.WalletAddress;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PaymentRepository} adapter must do; persistence runs it against H2 and
 * PostgreSQL. Subclasses return fresh, empty adapters sharing one unit of work; the suite stores the
 * agents and the hires the payments belong to first, so foreign keys hold. Each call runs in a unit
 * of work of its own, as {@code PaidHiring} makes them, and the races run one per thread. Instants
 * carry at most microseconds, the precision of a database timestamp.
 */
public abstract class PaymentRepositoryContract {
    protected abstract UnitOfWork unitOfWork();

    protected abstract AgentRepository agents();

    protected abstract TransactionRepository transactions();

    protected abstract PaymentRepository payments();

    private static final int THREADS = 16;
    protected static final Instant T0 = Instant.parse("2026-11-26T08:00:00.123456Z");
    private static final Duration LEASE = Duration.ofMinutes(2);

    private static final String NETWORK = "eip155:84532";
    private static final String OTHER_NETWORK = "eip155:8453";
    private static final WalletAddress USDC = WalletAddress.of("0x036cbd53842c5426634e7929541ec2318f3dcf7e");
    private static final WalletAddress EURC = WalletAddress.of("0x808456652fdb597867f38412077a9182bf77359f");
    protected static final WalletAddress ALICE_WALLET = WalletAddress.of("0x" + "a1".repeat(20));
    private static final WalletAddress CAROL_WALLET = WalletAddress.of("0x" + "c3".repeat(20));
    private static final WalletAddress PAY_TO = LedgerContractData.WALLET;
    /** The largest EIP-3009 value (2^256 - 1, 78 digits): far beyond a long. */
    private static final BigInteger UINT256_MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    protected static final AgentId ALICE = AgentId.of("alice");
    private static final AgentId CAROL = AgentId.of("carol");
    private static final String IDENTIFIER = "pay_2026-11-26_0001";

    /** Hires 1 to 16 are alice's, 17 and 18 carol's; bob provides them all. */
    private static final int ALICE_HIRES = THREADS;

    private PaymentRepository repo;

    @BeforeEach
    void storeAgentsAndHires() {
        repo = payments();
        unitOfWork().run(() -> {
            List.of("alice", "bob", "carol").forEach(id -> agents().add(agent(id)));
            for (int n = 1; n <= ALICE_HIRES; n++) {
                transactions().add(pending(n, "alice", "bob", "python", "2.50", T0));
            }
            transactions().add(pending(ALICE_HIRES + 1, "carol", "bob", "python", "2.50", T0));
            transactions().add(pending(ALICE_HIRES + 2, "carol", "bob", "python", "2.50", T0));
        });
    }

    /** An EIP-3009 authorization: what the replay guard keys on. */
    protected record Authorization(String network, WalletAddress asset, WalletAddress payer, String nonce) {
        /** {@code payer}'s authorization with nonce number {@code nonce}, for USDC on Base Sepolia. */
        public static Authorization of(WalletAddress payer, int nonce) {
            return new Authorization(NETWORK, USDC, payer, "0x%064x".formatted(nonce));
        }
    }

    /** Hire {@code n}'s payment by {@code payerAgent}, taken at {@code at} and so due at {@code at}. */
    protected static Payment payment(
            int n, AgentId payerAgent, Authorization authorization, Optional<String> identifier, Instant at) {
        VerifiedPayment paid = new VerifiedPayment(
                2,
                authorization.payer(),
                PAY_TO,
                new BigInteger("2500000"),
                authorization.network(),
                authorization.asset(),
                authorization.nonce(),
                at.minusSeconds(60),
                at.plusSeconds(300),
                identifier,
                "%064x".formatted(n),
                "{\"x402Version\":2,\"paymentPayload\":{\"hire\":" + n + "},\"paymentRequirements\":{}}");
        return Payment.pending(txId(n), payerAgent, key(n), paid, at);
    }

    /** Alice's payment of hire {@code n} with a nonce of its own, due at T0. */
    private static Payment payment(int n) {
        return payment(n, ALICE, Authorization.of(ALICE_WALLET, n), Optional.empty(), T0);
    }

    private void add(Payment payment) {
        unitOfWork().run(() -> repo.add(payment));
    }

    private Optional<Payment> claim(TransactionId id, Instant now, Instant lease) {
        return unitOfWork().execute(() -> repo.claim(id, now, lease));
    }

    private Optional<Payment> record(TransactionId id, Instant lease, AttemptResult result, Instant at) {
        return unitOfWork().execute(() -> repo.record(id, lease, result, at));
    }

    private Optional<Payment> stored(int n) {
        return unitOfWork().execute(() -> repo.findByTransaction(txId(n)));
    }

    private static void assertConflict(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    // --- add and find ---

    @Test
    void addedPaymentIsFoundByItsTransactionAndByItsPayersIdentifier() {
        Payment payment = payment(1, ALICE, Authorization.of(ALICE_WALLET, 1), Optional.of(IDENTIFIER), T0);

        add(payment);

        assertThat(stored(1)).contains(payment);
        assertThat(repo.findByPaymentIdentifier(ALICE, IDENTIFIER)).contains(payment);
        assertThat(repo.findByPaymentIdentifier(CAROL, IDENTIFIER)).isEmpty();
        assertThat(repo.findByPaymentIdentifier(ALICE, "pay_2026-11-26_0002")).isEmpty();
        assertThat(stored(2)).isEmpty();
    }

    @Test
    void paymentIdentifiersAreScopedPerPayerAgent() {
        Payment alices = payment(1, ALICE, Authorization.of(ALICE_WALLET, 1), Optional.of(IDENTIFIER), T0);
        Payment carols = payment(17, CAROL, Authorization.of(CAROL_WALLET, 1), Optional.of(IDENTIFIER), T0);

        add(alices);
        add(carols);

        assertThat(repo.findByPaymentIdentifier(ALICE, IDENTIFIER)).contains(alices);
        assertThat(repo.findByPaymentIdentifier(CAROL, IDENTIFIER)).contains(carols);
    }

    @Test
    void paymentsWithoutAnIdentifierNeverCollideOnIt() {
        add(payment(1));
        add(payment(2));

        assertThat(stored(1))
                .hasValueSatisfying(p -> assertThat(p.paymentIdentifier()).isEmpty());
        assertThat(stored(2)).contains(payment(2));
    }

    @Test
    void secondUseOfAnAuthorizationIsRefusedWhoeverPresentsItForWhicheverHire() {
        Authorization used = Authorization.of(ALICE_WALLET, 7);
        Payment first = payment(1, ALICE, used, Optional.empty(), T0);
        add(first);

        assertConflict(
                () -> add(payment(2, ALICE, used, Optional.of(IDENTIFIER), T0.plusSeconds(1))),
                ErrorCode.AUTHORIZATION_ALREADY_USED);
        assertConflict(
                () -> add(payment(17, CAROL, used, Optional.empty(), T0.plusSeconds(2))),
                ErrorCode.AUTHORIZATION_ALREADY_USED);

        assertThat(stored(1)).contains(first);
        assertThat(stored(2)).isEmpty();
        assertThat(stored(17)).isEmpty();
        assertThat(repo.findByPaymentIdentifier(ALICE, IDENTIFIER)).isEmpty();
    }

    @Test
    void sameNonceOnAnotherNetworkAssetOrPayerWalletIsAnotherAuthorization() {
        Authorization first = Authorization.of(ALICE_WALLET, 7);
        List<Payment> others = List.of(
                payment(1, ALICE, first, Optional.empty(), T0),
                payment(
                        2,
                        ALICE,
                        new Authorization(OTHER_NETWORK, first.asset(), first.payer(), first.nonce()),
                        Optional.empty(),
                        T0),
                payment(
                        3,
                        ALICE,
                        new Authorization(first.network(), EURC, first.payer(), first.nonce()),
                        Optional.empty(),
                        T0),
                payment(
                        17,
                        CAROL,
                        new Authorization(first.network(), first.asset(), CAROL_WALLET, first.nonce()),
                        Optional.empty(),
                        T0));

        others.forEach(this::add);

        for (Payment payment : others) {
            assertThat(repo.findByTransaction(payment.transactionId())).contains(payment);
        }
    }

    @Test
    void secondPaymentOfAHireIsAConcurrentModification() {
        Payment first = payment(1);
        add(first);

        assertConflict(
                () -> add(payment(1, ALICE, Authorization.of(ALICE_WALLET, 99), Optional.empty(), T0)),
                ErrorCode.CONCURRENT_MODIFICATION);

        assertThat(stored(1)).contains(first);
    }

    @Test
    void payersTakenIdentifierIsAConcurrentModification() {
        Payment first = payment(1, ALICE, Authorization.of(ALICE_WALLET, 1), Optional.of(IDENTIFIER), T0);
        add(first);

        assertConflict(
                () -> add(payment(2, ALICE, Authorization.of(ALICE_WALLET, 2), Optional.of(IDENTIFIER), T0)),
                ErrorCode.CONCURRENT_MODIFICATION);

        assertThat(repo.findByPaymentIdentifier(ALICE, IDENTIFIER)).contains(first);
        assertThat(stored(2)).isEmpty();
    }

    @Test
    void paymentAddedInAFailedUnitOfWorkIsNotKeptAndItsAuthorizationStaysUnused() {
        Payment payment = payment(1, ALICE, Authorization.of(ALICE_WALLET, 1), Optional.of(IDENTIFIER), T0);

        assertThatThrownBy(() -> unitOfWork().run(() -> {
                    repo.add(payment);
                    throw new IllegalStateException("the hire in the same unit of work failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(stored(1)).isEmpty();
        assertThat(repo.findByPaymentIdentifier(ALICE, IDENTIFIER)).isEmpty();
        add(payment);
        assertThat(stored(1)).contains(payment);
    }

    // --- claim ---

    @Test
    void duePendingPaymentIsClaimedForOneAttemptUnderALease() {
        Payment payment = payment(1);
        add(payment);
        Instant lease = T0.plus(LEASE);

        Optional<Payment> claimed = claim(txId(1), T0, lease);

        Payment expected = payment.claimed(T0, lease);
        assertThat(claimed).contains(expected);
        assertThat(expected.state()).isEqualTo(PaymentState.SENDING);
        assertThat(expected.attempts()).isEqualTo(1);
        assertThat(expected.leaseUntil()).contains(lease);
        assertThat(stored(1)).contains(expected);
    }

    @Test
    void pendingPaymentIsNotClaimedBeforeItsNextAttempt() {
        Payment payment = payment(1);
        add(payment);

        assertThat(claim(txId(1), T0.minusNanos(1_000), T0.plus(LEASE))).isEmpty();

        assertThat(stored(1)).contains(payment);
    }

    @Test
    void paymentUnderALiveLeaseIsNotClaimedAgain() {
        add(payment(1));
        Instant lease = T0.plus(LEASE);
        Payment held = claim(txId(1), T0, lease).orElseThrow();

        assertThat(claim(txId(1), T0.plusSeconds(1), T0.plusSeconds(1).plus(LEASE)))
                .isEmpty();
        // The lease holds up to and including its last instant: only a lease strictly in the past has lapsed.
        assertThat(claim(txId(1), lease, lease.plus(LEASE))).isEmpty();

        assertThat(stored(1)).contains(held);
    }

    @Test
    void lapsedLeaseIsTakenOverWithOneMoreAttempt() {
        add(payment(1));
        Instant firstLease = T0.plus(LEASE);
        Payment held = claim(txId(1), T0, firstLease).orElseThrow();
        Instant now = firstLease.plusNanos(1_000);
        Instant secondLease = now.plus(LEASE);

        Optional<Payment> takenOver = claim(txId(1), now, secondLease);

        Payment expected = held.claimed(now, secondLease);
        assertThat(takenOver).contains(expected);
        assertThat(expected.attempts()).isEqualTo(2);
        assertThat(stored(1)).contains(expected);
    }

    @Test
    void settledOrFailedPaymentIsNeverClaimed() {
        add(payment(1));
        add(payment(2));
        Instant lease = T0.plus(LEASE);
        claim(txId(1), T0, lease);
        claim(txId(2), T0, lease);
        Payment settled = record(txId(1), lease, new AttemptResult.Settled("0x" + "ab".repeat(32)), T0.plusSeconds(1))
                .orElseThrow();
        Payment failed = record(txId(2), lease, new AttemptResult.Failed("invalid_signature"), T0.plusSeconds(1))
                .orElseThrow();
        Instant muchLater = T0.plus(Duration.ofDays(30));

        assertThat(claim(txId(1), muchLater, muchLater.plus(LEASE))).isEmpty();
        assertThat(claim(txId(2), muchLater, muchLater.plus(LEASE))).isEmpty();

        assertThat(stored(1)).contains(settled);
        assertThat(stored(2)).contains(failed);
    }

    @Test
    void hireWithoutAPaymentIsNotClaimed() {
        assertThat(claim(txId(1), T0, T0.plus(LEASE))).isEmpty();
        assertThat(stored(1)).isEmpty();
    }

    // --- record ---

    @Test
    void leaseHolderRecordsWhatTheAttemptDecided() {
        List<AttemptResult> results = List.of(
                new AttemptResult.Settled("0x" + "5e".repeat(32)),
                new AttemptResult.Failed("insufficient_funds"),
                new AttemptResult.RetryAt(T0.plusSeconds(30).plusNanos(7_000), "facilitator timed out after 10 s"));
        Instant lease = T0.plus(LEASE);
        Instant at = T0.plusSeconds(3).plusNanos(999_000);
        for (int i = 0; i < results.size(); i++) {
            int n = i + 1;
            add(payment(n));
            Payment held = claim(txId(n), T0, lease).orElseThrow();

            Optional<Payment> recorded = record(txId(n), lease, results.get(i), at);

            Payment expected = held.after(results.get(i), at);
            assertThat(recorded).as("%s", results.get(i)).contains(expected);
            assertThat(stored(n)).as("%s", results.get(i)).contains(expected);
        }
        assertThat(stored(1).orElseThrow().state()).isEqualTo(PaymentState.SETTLED);
        assertThat(stored(1).orElseThrow().facilitatorTransaction()).contains("0x" + "5e".repeat(32));
        assertThat(stored(2).orElseThrow().state()).isEqualTo(PaymentState.FAILED);
        assertThat(stored(2).orElseThrow().failureReason()).contains("insufficient_funds");
        assertThat(stored(3).orElseThrow().state()).isEqualTo(PaymentState.PENDING);
        assertThat(stored(3).orElseThrow().nextAttemptAt())
                .isEqualTo(T0.plusSeconds(30).plusNanos(7_000));
        assertThat(stored(3).orElseThrow().lastError()).contains("facilitator timed out after 10 s");
        assertThat(stored(3).orElseThrow().leaseUntil()).isEmpty();
    }

    @Test
    void staleLeaseRecordsNothingOnceAnotherClaimTookOver() {
        add(payment(1));
        Instant firstLease = T0.plus(LEASE);
        claim(txId(1), T0, firstLease);
        Instant now = firstLease.plusSeconds(1);
        Instant secondLease = now.plus(LEASE);
        Payment takenOver = claim(txId(1), now, secondLease).orElseThrow();

        assertThat(record(txId(1), firstLease, new AttemptResult.Settled("0x" + "01".repeat(32)), now))
                .isEmpty();
        assertThat(record(txId(1), firstLease, new AttemptResult.Failed("expired"), now))
                .isEmpty();
        assertThat(stored(1)).contains(takenOver);

        AttemptResult settled = new AttemptResult.Settled("0x" + "02".repeat(32));
        assertThat(record(txId(1), secondLease, settled, now.plusSeconds(1)))
                .contains(takenOver.after(settled, now.plusSeconds(1)));
    }

    @Test
    void paymentThatIsNotSendingRecordsNothing() {
        Payment payment = payment(1);
        add(payment);
        Instant lease = T0.plus(LEASE);

        assertThat(record(txId(1), lease, new AttemptResult.Failed("never claimed"), T0))
                .isEmpty();
        assertThat(stored(1)).contains(payment);

        claim(txId(1), T0, lease);
        AttemptResult settled = new AttemptResult.Settled("0x" + "03".repeat(32));
        Payment done = record(txId(1), lease, settled, T0.plusSeconds(1)).orElseThrow();
        assertThat(record(txId(1), lease, new AttemptResult.Failed("second outcome"), T0.plusSeconds(2)))
                .isEmpty();
        assertThat(stored(1)).contains(done);
        assertThat(record(txId(2), lease, settled, T0)).isEmpty();
    }

    @Test
    void retriedPaymentIsClaimedAgainAtItsNextAttemptKeepingItsLastError() {
        add(payment(1));
        Instant lease = T0.plus(LEASE);
        claim(txId(1), T0, lease);
        Instant next = T0.plusSeconds(10);
        Payment retried = record(txId(1), lease, new AttemptResult.RetryAt(next, "502 from the facilitator"), T0)
                .orElseThrow();

        assertThat(claim(txId(1), next.minusNanos(1_000), next.plus(LEASE))).isEmpty();
        Optional<Payment> again = claim(txId(1), next, next.plus(LEASE));

        assertThat(again).contains(retried.claimed(next, next.plus(LEASE)));
        assertThat(again.orElseThrow().attempts()).isEqualTo(2);
        assertThat(again.orElseThrow().lastError()).contains("502 from the facilitator");
    }

    @Test
    void laterReadsOfTheSameUnitOfWorkSeeTheClaimAndTheOutcome() {
        Payment payment = payment(1, ALICE, Authorization.of(ALICE_WALLET, 1), Optional.of(IDENTIFIER), T0);
        add(payment);
        Instant lease = T0.plus(LEASE);
        AttemptResult settled = new AttemptResult.Settled("0x" + "04".repeat(32));

        List<Optional<Payment>> seen = unitOfWork()
                .execute(() -> List.of(
                        repo.findByTransaction(txId(1)),
                        repo.claim(txId(1), T0, lease),
                        repo.findByTransaction(txId(1)),
                        repo.record(txId(1), lease, settled, T0.plusSeconds(1)),
                        repo.findByPaymentIdentifier(ALICE, IDENTIFIER)));

        Payment claimed = payment.claimed(T0, lease);
        Payment done = claimed.after(settled, T0.plusSeconds(1));
        assertThat(seen)
                .containsExactly(
                        Optional.of(payment),
                        Optional.of(claimed),
                        Optional.of(claimed),
                        Optional.of(done),
                        Optional.of(done));
        assertThat(stored(1)).contains(done);
    }

    // --- due ---

    @Test
    void dueListsWhatClaimWouldTakeLongestDueFirst() {
        Instant now = T0.plusSeconds(100);
        // Due: pending since T0+10s, T0+40s and exactly now; a lease that lapsed at T0+20s.
        add(payment(1, ALICE, Authorization.of(ALICE_WALLET, 1), Optional.empty(), T0.plusSeconds(40)));
        add(payment(2, ALICE, Authorization.of(ALICE_WALLET, 2), Optional.empty(), T0.plusSeconds(10)));
        add(payment(3, ALICE, Authorization.of(ALICE_WALLET, 3), Optional.empty(), now));
        add(payment(4, ALICE, Authorization.of(ALICE_WALLET, 4), Optional.empty(), T0));
        claim(txId(4), T0, T0.plusSeconds(20));
        // Not due: pending later, a live lease, a lease ending exactly now, settled, failed.
        add(payment(5, ALICE, Authorization.of(ALICE_WALLET, 5), Optional.empty(), now.plusNanos(1_000)));
        add(payment(6, ALICE, Authorization.of(ALICE_WALLET, 6), Optional.empty(), T0));
        claim(txId(6), T0, now.plusSeconds(1));
        add(payment(7, ALICE, Authorization.of(ALICE_WALLET, 7), Optional.empty(), T0));
        claim(txId(7), T0, now);
        add(payment(8, ALICE, Authorization.of(ALICE_WALLET, 8), Optional.empty(), T0));
        claim(txId(8), T0, T0.plusSeconds(1));
        record(txId(8), T0.plusSeconds(1), new AttemptResult.Settled("0x" + "08".repeat(32)), T0);
        add(payment(9, ALICE, Authorization.of(ALICE_WALLET, 9), Optional.empty(), T0));
        claim(txId(9), T0, T0.plusSeconds(1));
        record(txId(9), T0.plusSeconds(1), new AttemptResult.Failed("invalid_signature"), T0);

        List<TransactionId> due = unitOfWork().execute(() -> repo.due(now, 10));

        assertThat(due).containsExactly(txId(2), txId(4), txId(1), txId(3));
        for (int n = 1; n <= 9; n++) {
            assertThat(stored(n).orElseThrow().claimableAt(now))
                    .as("hire %d", n)
                    .isEqualTo(due.contains(txId(n)));
        }
    }

    @Test
    void dueReturnsAtMostTheLimitLongestDueFirst() {
        for (int n = 1; n <= 5; n++) {
            add(payment(n, ALICE, Authorization.of(ALICE_WALLET, n), Optional.empty(), T0.minusSeconds(n)));
        }

        assertThat(unitOfWork().execute(() -> repo.due(T0, 3))).containsExactly(txId(5), txId(4), txId(3));
        assertThat(unitOfWork().execute(() -> repo.due(T0, 1))).containsExactly(txId(5));
        assertThat(unitOfWork().execute(() -> repo.due(T0.minusSeconds(6), 3))).isEmpty();
    }

    // --- round trip ---

    @Test
    void everyFieldRoundTripsThroughTheWholeLifecycle() {
        // Version 1, an amount of 78 digits, a request longer than any header with 1 to 4 byte characters.
        String request = "{\"x402Version\":1,\"paymentPayload\":\"" + "aé€𝄞".repeat(4_096) + "\"}";
        VerifiedPayment paid = new VerifiedPayment(
                1,
                ALICE_WALLET,
                PAY_TO,
                UINT256_MAX,
                NETWORK,
                USDC,
                "0x" + "f".repeat(64),
                T0.minusSeconds(60),
                T0.plusSeconds(300).plusNanos(654_000),
                Optional.of("p".repeat(128)),
                "e".repeat(64),
                request);
        Payment pending = Payment.pending(txId(1), ALICE, key(1), paid, T0.plusNanos(1_000));
        add(pending);
        assertThat(stored(1)).contains(pending);
        assertThat(repo.findByPaymentIdentifier(ALICE, "p".repeat(128))).contains(pending);

        Instant firstLease = T0.plus(LEASE).plusNanos(3_000);
        Payment sending = claim(txId(1), T0.plusNanos(1_000), firstLease).orElseThrow();
        assertThat(stored(1)).contains(sending);

        Payment retry = record(
                        txId(1),
                        firstLease,
                        new AttemptResult.RetryAt(T0.plusSeconds(5).plusNanos(1_000), "x".repeat(256)),
                        T0.plusSeconds(1).plusNanos(2_000))
                .orElseThrow();
        assertThat(stored(1)).contains(retry);

        Instant secondLease = T0.plus(LEASE).plusSeconds(5).plusNanos(5_000);
        Payment resent =
                claim(txId(1), T0.plusSeconds(5).plusNanos(1_000), secondLease).orElseThrow();
        assertThat(resent.lastError()).isPresent();
        assertThat(resent.leaseUntil()).isPresent();
        assertThat(stored(1)).contains(resent);

        Payment settled = record(
                        txId(1),
                        secondLease,
                        new AttemptResult.Settled("0x" + "9".repeat(64)),
                        T0.plusSeconds(6).plusNanos(6_000))
                .orElseThrow();
        assertThat(settled.amount()).isEqualTo(UINT256_MAX);
        assertThat(stored(1)).contains(settled);
        assertThat(repo.findByPaymentIdentifier(ALICE, "p".repeat(128))).contains(settled);
    }

    @Test
    void failureReasonRoundTrips() {
        Payment payment = payment(17, CAROL, Authorization.of(CAROL_WALLET, 1), Optional.of(IDENTIFIER), T0);
        add(payment);
        Instant lease = T0.plus(LEASE);
        claim(txId(17), T0, lease);

        Payment failed = record(txId(17), lease, new AttemptResult.Failed("r".repeat(256)), T0.plusNanos(1_000))
                .orElseThrow();

        assertThat(stored(17)).contains(failed);
        assertThat(repo.findByPaymentIdentifier(CAROL, IDENTIFIER)).contains(failed);
    }

    // --- races ---

    @Test
    void ofConcurrentClaimsOfOneDuePaymentExactlyOneWins() throws InterruptedException {
        Payment payment = payment(1);
        add(payment);

        List<Concurrently.Outcome<Optional<Payment>>> outcomes =
                Concurrently.run(THREADS, thread -> claim(txId(1), T0, lease(thread)));

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        List<Integer> winners = IntStream.range(0, THREADS)
                .filter(thread -> outcomes.get(thread).value().isPresent())
                .boxed()
                .toList();
        assertThat(winners).hasSize(1);
        Payment expected = payment.claimed(T0, lease(winners.getFirst()));
        assertThat(outcomes.get(winners.getFirst()).value()).contains(expected);
        assertThat(stored(1)).contains(expected);
    }

    @Test
    void ofConcurrentAddsOfOneAuthorizationExactlyOneIsStored() throws InterruptedException {
        Authorization contended = Authorization.of(ALICE_WALLET, 42);

        List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(THREADS, thread -> {
            // A different hire each: the same signed payment presented to several replicas at once.
            add(payment(thread + 1, ALICE, contended, Optional.empty(), T0));
            return true;
        });

        List<Integer> winners = IntStream.range(0, THREADS)
                .filter(thread -> outcomes.get(thread).succeeded())
                .boxed()
                .toList();
        assertThat(winners).hasSize(1);
        assertThat(outcomes)
                .filteredOn(outcome -> !outcome.succeeded())
                .hasSize(THREADS - 1)
                .allSatisfy(outcome -> assertThat(outcome.failure())
                        .isInstanceOfSatisfying(
                                ConflictException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHORIZATION_ALREADY_USED)));
        for (int n = 1; n <= THREADS; n++) {
            assertThat(stored(n).isPresent()).as("hire %d", n).isEqualTo(n == winners.getFirst() + 1);
        }
        assertThat(stored(winners.getFirst() + 1))
                .contains(payment(winners.getFirst() + 1, ALICE, contended, Optional.empty(), T0));
    }

    // --- the outbox as operators read and reconcile it ---

    @Test
    void undecidedAttemptGivenUpLeavesTheOutcomeUnknownWithItsErrorAndIsNeverClaimed() {
        add(payment(1));
        Instant lease = T0.plus(LEASE);
        claim(txId(1), T0, lease);

        Optional<Payment> unknown = record(txId(1), lease, new AttemptResult.Unknown("no answer after 1 attempts"), T0);

        assertThat(unknown).hasValueSatisfying(p -> {
            assertThat(p.state()).isEqualTo(PaymentState.OUTCOME_UNKNOWN);
            assertThat(p.lastError()).contains("no answer after 1 attempts");
            assertThat(p.leaseUntil()).isEmpty();
        });
        assertThat(stored(1)).isEqualTo(unknown);
        assertThat(claim(txId(1), T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2))))
                .isEmpty();
        assertThat(unitOfWork().execute(() -> repo.due(T0.plus(Duration.ofDays(1)), 10)))
                .isEmpty();
    }

    @Test
    void paymentsAreListedPerStateNewestFirstAfterTheCursor() {
        for (int n = 1; n <= 4; n++) {
            add(payment(n, ALICE, Authorization.of(ALICE_WALLET, n), Optional.empty(), T0.plusSeconds(n % 3)));
        }
        // Created at T0+1, T0+2, T0, T0+1: hires 2, then 4 and 1 (same time, higher id first), then 3.
        claim(txId(3), T0.plusSeconds(5), T0.plus(LEASE));

        List<Payment> pending = unitOfWork().execute(() -> repo.inState(PaymentState.PENDING, Optional.empty(), 10));
        List<Payment> afterFirst = unitOfWork()
                .execute(
                        () -> repo.inState(PaymentState.PENDING, Optional.of(OutboxCursor.of(pending.getFirst())), 10));
        List<Payment> afterSecond = unitOfWork()
                .execute(() -> repo.inState(PaymentState.PENDING, Optional.of(OutboxCursor.of(pending.get(1))), 1));

        assertThat(pending).extracting(Payment::transactionId).containsExactly(txId(2), txId(4), txId(1));
        assertThat(afterFirst).extracting(Payment::transactionId).containsExactly(txId(4), txId(1));
        assertThat(afterSecond).extracting(Payment::transactionId).containsExactly(txId(1));
        assertThat(unitOfWork().execute(() -> repo.inState(PaymentState.SENDING, Optional.empty(), 10)))
                .extracting(Payment::transactionId)
                .containsExactly(txId(3));
        assertThat(unitOfWork().execute(() -> repo.inState(PaymentState.FAILED, Optional.empty(), 10)))
                .isEmpty();
    }

    @Test
    void pendingPaymentsCreatedBeforeATimeAreListedOldestFirstAfterTheCursor() {
        for (int n = 1; n <= 4; n++) {
            add(payment(n, ALICE, Authorization.of(ALICE_WALLET, n), Optional.empty(), T0.plusSeconds(n)));
        }
        claim(txId(1), T0.plusSeconds(10), T0.plus(LEASE));

        List<Payment> stale =
                unitOfWork().execute(() -> repo.pendingCreatedBefore(T0.plusSeconds(4), Optional.empty(), 10));
        List<Payment> rest = unitOfWork()
                .execute(() -> repo.pendingCreatedBefore(
                        T0.plusSeconds(4), Optional.of(OutboxCursor.of(stale.getFirst())), 10));

        // Hire 1 is SENDING, hire 4 was created at the bound itself, not before it.
        assertThat(stale).extracting(Payment::transactionId).containsExactly(txId(2), txId(3));
        assertThat(rest).extracting(Payment::transactionId).containsExactly(txId(3));
    }

    @Test
    void reconciliationMovesOnlyAPaymentStillInTheExpectedState() {
        add(payment(1));
        add(payment(2));
        Instant at = T0.plusSeconds(30);

        Optional<Payment> settled = unitOfWork()
                .execute(() -> repo.reconcile(txId(1), PaymentState.PENDING, new AttemptResult.Settled("0xabc"), at));
        Optional<Payment> again = unitOfWork()
                .execute(() -> repo.reconcile(txId(1), PaymentState.PENDING, new AttemptResult.Failed("x"), at));
        Optional<Payment> wrongState = unitOfWork()
                .execute(
                        () -> repo.reconcile(txId(2), PaymentState.OUTCOME_UNKNOWN, new AttemptResult.Failed("x"), at));

        assertThat(settled).contains(payment(1).after(new AttemptResult.Settled("0xabc"), at));
        assertThat(stored(1)).isEqualTo(settled);
        assertThat(again).isEmpty();
        assertThat(wrongState).isEmpty();
        assertThat(stored(2)).contains(payment(2));
    }

    @Test
    void ofAReconciliationAndClaimsOfOnePaymentAtOnceExactlyOneWins() throws InterruptedException {
        add(payment(1));

        List<Concurrently.Outcome<Optional<Payment>>> outcomes = Concurrently.run(
                THREADS,
                thread -> thread == 0
                        ? unitOfWork()
                                .execute(() -> repo.reconcile(
                                        txId(1),
                                        PaymentState.PENDING,
                                        new AttemptResult.Failed("cancelled_by_operator"),
                                        T0))
                        : claim(txId(1), T0, lease(thread)));

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        List<Integer> winners = IntStream.range(0, THREADS)
                .filter(thread -> outcomes.get(thread).value().isPresent())
                .boxed()
                .toList();
        assertThat(winners).hasSize(1);
        assertThat(stored(1)).isEqualTo(outcomes.get(winners.getFirst()).value());
    }

    private static Instant lease(int thread) {
        return T0.plus(LEASE).plusNanos(1_000L * (thread + 1));
    }
}
