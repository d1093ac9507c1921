package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.ledger.EntryKind;
import dev.agentmarketplace.core.ledger.JournalEntry;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.payment.Payment;
import dev.agentmarketplace.core.payment.PaymentState;
import dev.agentmarketplace.core.payment.SettlementOutbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Operators on several replicas reconcile one payment at once, some recording its chain transaction
 * and some cancelling it: exactly one decision takes effect, once, in the payment, the hire and the
 * journal; every other call either returns that same decision or is refused as illegal. {@link
 * ReconciliationConcurrencyOnPostgresIT} runs it where row locks really run in parallel.
 */
@QuarkusTest
class ReconciliationConcurrencyIT {
    private static final int THREADS = 8;
    private static final String HASH = "0x" + "cd".repeat(32);

    @Inject
    PaymentsFixture fixture;

    @Inject
    SettlementOutbox outbox;

    @Inject
    TransactionQueries queries;

    @BeforeEach
    void market() {
        fixture.reset(100);
    }

    @AfterEach
    void leaveNothingBehind() {
        fixture.clear();
    }

    @Test
    void ofConcurrentReconciliationsOfOnePaymentExactlyOneDecisionTakesEffectOnce() throws Exception {
        TransactionId id = fixture.outcomeUnknown();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Payment>> calls = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                calls.add(pool.submit(() -> {
                    start.await();
                    Caller operator = Caller.staff("ops-" + thread, Role.OPERATOR);
                    return thread % 2 == 0 ? outbox.recordSettlement(operator, id, HASH) : outbox.cancel(operator, id);
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Payment> call : calls) {
                try {
                    outcomes.add(call.get(60, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }

            Payment decided = fixture.payments().findByTransaction(id).orElseThrow();
            boolean settled = decided.state() == PaymentState.SETTLED;
            assertThat(decided.state()).isIn(PaymentState.SETTLED, PaymentState.FAILED);
            for (int thread = 0; thread < THREADS; thread++) {
                Object outcome = outcomes.get(thread);
                if ((thread % 2 == 0) == settled) {
                    assertThat(outcome).as("thread %d", thread).isEqualTo(decided);
                } else {
                    assertThat(outcome)
                            .as("thread %d", thread)
                            .isInstanceOfSatisfying(
                                    DomainException.class,
                                    e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION));
                }
            }
            List<JournalEntry> entries = queries.get(id).entries();
            assertThat(entries)
                    .extracting(JournalEntry::kind)
                    .containsExactly(EntryKind.HOLD, settled ? EntryKind.SETTLE : EntryKind.VOID);
            assertThat(queries.get(id).transaction().state())
                    .isEqualTo(settled ? TransactionState.SETTLED : TransactionState.CANCELLED);
        } finally {
            pool.shutdownNow();
        }
    }
}
