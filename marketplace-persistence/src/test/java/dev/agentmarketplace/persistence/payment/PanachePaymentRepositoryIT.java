package dev.agentmarketplace.persistence.payment;

import static dev.agentmarketplace.core.testing.LedgerContractData.txId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.payment.Payment;
import dev.agentmarketplace.core.payment.PaymentRepository;
import dev.agentmarketplace.core.payment.PaymentRepository.AttemptResult;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.testing.PaymentRepositoryContract;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.ledger.PanacheTransactionRepository;
import dev.agentmarketplace.persistence.registry.PanacheAgentRepository;
import dev.agentmarketplace.persistence.testing.LedgerTables;
import dev.agentmarketplace.persistence.testing.RawSql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The payment port on H2: the core's {@link PaymentRepositoryContract}, races included, plus what
 * the database itself refuses and how a key another transaction holds uncommitted is answered.
 * {@link PanachePaymentRepositoryOnPostgresIT} reruns it all on PostgreSQL.
 */
@QuarkusTest
class PanachePaymentRepositoryIT extends PaymentRepositoryContract {
    private static final String HIRE = "'00000000-0000-4000-8000-000000000001'";
    private static final String OTHER_HIRE = "'00000000-0000-4000-8000-000000000002'";

    @Inject
    PanachePaymentRepository payments;

    @Inject
    PanacheTransactionRepository transactions;

    @Inject
    PanacheAgentRepository agents;

    @Inject
    TransactionalUnitOfWork unitOfWork;

    @Inject
    DataSource dataSource;

    /** Each test gets an empty database on first use; the contract's own setup is the first user. */
    private boolean emptied;

    private void fresh() {
        if (!emptied) {
            LedgerTables.empty(dataSource);
            emptied = true;
        }
    }

    @AfterEach
    void leaveNothingBehind() {
        LedgerTables.empty(dataSource);
    }

    @Override
    protected UnitOfWork unitOfWork() {
        fresh();
        return unitOfWork;
    }

    @Override
    protected AgentRepository agents() {
        fresh();
        return agents;
    }

    @Override
    protected TransactionRepository transactions() {
        fresh();
        return transactions;
    }

    @Override
    protected PaymentRepository payments() {
        fresh();
        return payments;
    }

    // --- a key held by a transaction not yet committed: the unique key decides at the flush ---

    @Test
    void authorizationHeldUncommittedByAnotherHireIsAlreadyUsed() throws Exception {
        Authorization contended = Authorization.of(ALICE_WALLET, 7);

        ConflictException refused = addWhileAnotherHoldsItsKeys(
                payment(1, ALICE, contended, Optional.empty(), T0), payment(2, ALICE, contended, Optional.empty(), T0));

        assertThat(refused.code()).isEqualTo(ErrorCode.AUTHORIZATION_ALREADY_USED);
    }

    @Test
    void paymentIdentifierHeldUncommittedByTheSamePayerIsAConcurrentModification() throws Exception {
        ConflictException refused = addWhileAnotherHoldsItsKeys(
                payment(1, ALICE, Authorization.of(ALICE_WALLET, 1), Optional.of("retry-key-00000001"), T0),
                payment(2, ALICE, Authorization.of(ALICE_WALLET, 2), Optional.of("retry-key-00000001"), T0));

        assertThat(refused.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION);
    }

    @Test
    void hireWhosePaymentIsHeldUncommittedIsAConcurrentModification() throws Exception {
        ConflictException refused = addWhileAnotherHoldsItsKeys(
                payment(1, ALICE, Authorization.of(ALICE_WALLET, 1), Optional.empty(), T0),
                payment(1, ALICE, Authorization.of(ALICE_WALLET, 2), Optional.empty(), T0));

        assertThat(refused.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION);
    }

    /**
     * Adds {@code second} after {@code first} was added in a transaction that stays open for a
     * while, so the check before the insert cannot see it and the key decides; returns the refusal.
     */
    private ConflictException addWhileAnotherHoldsItsKeys(Payment first, Payment second) throws Exception {
        payments();
        CountDownLatch added = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> unitOfWork.run(() -> {
            payments.add(first);
            added.countDown();
            pause(500);
        }));
        assertThat(added.await(30, TimeUnit.SECONDS)).isTrue();

        Throwable refusal = null;
        try {
            unitOfWork.run(() -> payments.add(second));
        } catch (RuntimeException e) {
            refusal = e;
        }
        holder.get(30, TimeUnit.SECONDS);

        assertThat(payments.findByTransaction(first.transactionId())).contains(first);
        if (!second.transactionId().equals(first.transactionId())) {
            assertThat(payments.findByTransaction(second.transactionId())).isEmpty();
        }
        assertThat(refusal).isInstanceOf(ConflictException.class);
        return (ConflictException) refusal;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A claim works from the row as committed when it claims, not from the copy an earlier read of
     * its unit of work left in the persistence context: another replica's attempt happened between.
     */
    @Test
    void claimStartsFromTheCommittedRowNotFromAnEarlierReadOfItsUnitOfWork() throws Exception {
        payments();
        payments.add(payment(1, ALICE, Authorization.of(ALICE_WALLET, 1), Optional.empty(), T0));
        Instant firstLease = T0.plusSeconds(60);
        Instant retryAt = T0.plusSeconds(10);
        Instant now = T0.plusSeconds(20);
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch otherAttemptDone = new CountDownLatch(1);

        CompletableFuture<Optional<Payment>> reader = CompletableFuture.supplyAsync(() -> unitOfWork.execute(() -> {
            assertThat(payments.findByTransaction(txId(1))).isPresent();
            read.countDown();
            await(otherAttemptDone);
            return payments.claim(txId(1), now, now.plusSeconds(60));
        }));
        assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();
        unitOfWork.run(() -> payments.claim(txId(1), T0, firstLease));
        Payment retried = unitOfWork
                .execute(() -> payments.record(
                        txId(1), firstLease, new AttemptResult.RetryAt(retryAt, "facilitator timed out"), T0))
                .orElseThrow();
        otherAttemptDone.countDown();

        Optional<Payment> claimed = reader.get(30, TimeUnit.SECONDS);

        assertThat(claimed).contains(retried.claimed(now, now.plusSeconds(60)));
        assertThat(claimed.orElseThrow().attempts()).isEqualTo(2);
        assertThat(claimed.orElseThrow().lastError()).contains("facilitator timed out");
        assertThat(payments.findByTransaction(txId(1))).isEqualTo(claimed);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void racesAreDecidedUnderReadCommitted() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    // --- what the database refuses, whatever the code does ---

    @Test
    void databaseRefusesASecondUseOfAnAuthorization() throws SQLException {
        RawSql.execute(dataSource, row(Map.of()));

        RawSql.assertRefusedBy(
                dataSource, "x402_payment_authorization_unique", row(Map.of("transaction_id", OTHER_HIRE)));
    }

    @Test
    void databaseRefusesASecondUseOfAPayersIdentifier() throws SQLException {
        RawSql.execute(dataSource, row(Map.of("payment_identifier", "'retry-key-00000001'")));

        RawSql.assertRefusedBy(
                dataSource,
                "x402_payment_payer_identifier_unique",
                row(Map.of(
                        "transaction_id",
                        OTHER_HIRE,
                        "payment_identifier",
                        "'retry-key-00000001'",
                        "nonce",
                        "'0x" + "0".repeat(63) + "2'")));
    }

    @Test
    void databaseRefusesASecondPaymentOfAHire() throws SQLException {
        RawSql.execute(dataSource, row(Map.of()));

        // PostgreSQL names the key; H2 names the primary key's index, which is not named after it.
        assertThatThrownBy(() -> RawSql.execute(dataSource, row(Map.of("nonce", "'0x" + "0".repeat(63) + "2'"))))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT))
                        .containsAnyOf("x402_payment_pk", "primary key"));
    }

    @Test
    void databaseRefusesAPaymentOfAnUnknownHire() {
        RawSql.assertRefusedBy(
                dataSource,
                "x402_payment_transaction_fk",
                row(Map.of("transaction_id", "'00000000-0000-4000-8000-000000000099'")));
    }

    @ParameterizedTest(name = "{1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            x402_payment_payer_agent_format     | payer_agent_id     | 'not an agent'
            x402_payment_hire_key_format        | hire_key           | 'too-short'
            x402_payment_identifier_format      | payment_identifier | 'has spaces, not allowed'
            x402_payment_fingerprint_is_sha256  | fingerprint        | 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'
            x402_payment_version_known          | x402_version       | 3
            x402_payment_payer_wallet_format    | payer_wallet       | '0xa1a1'
            x402_payment_pay_to_format          | pay_to             | 'bob'
            x402_payment_asset_format           | asset              | '0x036CbD53842c5426634e7929541eC2318f3dCF7g'
            x402_payment_amount_positive        | amount             | 0
            x402_payment_nonce_format           | nonce              | '0xABCDEF0000000000000000000000000000000000000000000000000000000001'
            x402_payment_state_known            | state              | 'LOST'
            x402_payment_attempts_not_negative  | attempts           | -1
            x402_payment_lease_while_sending    | lease_until        | CURRENT_TIMESTAMP
            x402_payment_transaction_when_settled | facilitator_transaction | '0xabc'
            x402_payment_failure_when_failed    | failure_reason     | 'insufficient_funds'
            """)
    void databaseRefusesAValueNoPaymentCanHave(String constraint, String column, String value) {
        RawSql.assertRefusedBy(dataSource, constraint, row(Map.of(column, value)));
    }

    @Test
    void databaseRefusesAStateWithoutWhatItRequires() {
        RawSql.assertRefusedBy(dataSource, "x402_payment_lease_while_sending", row(Map.of("state", "'SENDING'")));
        RawSql.assertRefusedBy(dataSource, "x402_payment_transaction_when_settled", row(Map.of("state", "'SETTLED'")));
        RawSql.assertRefusedBy(dataSource, "x402_payment_failure_when_failed", row(Map.of("state", "'FAILED'")));
    }

    @Test
    void databaseKeepsEveryStateWithWhatItRequires() throws SQLException {
        RawSql.execute(dataSource, row(Map.of("state", "'SENDING'", "lease_until", "CURRENT_TIMESTAMP")));
        RawSql.execute(
                dataSource,
                row(Map.of(
                        "transaction_id",
                        OTHER_HIRE,
                        "nonce",
                        "'0x" + "0".repeat(63) + "2'",
                        "state",
                        "'SETTLED'",
                        "facilitator_transaction",
                        "'0xabc'")));
        RawSql.execute(
                dataSource,
                row(Map.of(
                        "transaction_id", "'00000000-0000-4000-8000-000000000003'",
                        "nonce", "'0x" + "0".repeat(63) + "3'",
                        "state", "'FAILED'",
                        "failure_reason", "'insufficient_funds'")));

        assertThat(payments.findByTransaction(txId(1)).orElseThrow().leaseUntil())
                .isPresent();
        assertThat(payments.findByTransaction(txId(2)).orElseThrow().facilitatorTransaction())
                .contains("0xabc");
        assertThat(payments.findByTransaction(txId(3)).orElseThrow().failureReason())
                .contains("insufficient_funds");
        assertThat(payments.findByTransaction(txId(3)).orElseThrow().payerAgent())
                .isEqualTo(AgentId.of("alice"));
    }

    /**
     * An INSERT of alice's PENDING payment of hire 1, which every constraint accepts, with the
     * columns in {@code replaced} set to other SQL values.
     */
    private String row(Map<String, String> replaced) {
        fresh();
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("transaction_id", HIRE);
        columns.put("payer_agent_id", "'alice'");
        columns.put("hire_key", "'raw-sql-hire-key-0001'");
        columns.put("payment_identifier", "NULL");
        columns.put("fingerprint", "'" + "a".repeat(64) + "'");
        columns.put("x402_version", "2");
        columns.put("payer_wallet", "'0x" + "a1".repeat(20) + "'");
        columns.put("pay_to", "'0x209693Bc6afc0C5328bA36FaF03C514EF312287C'");
        columns.put("amount", "115792089237316195423570985008687907853269984665640564039457584007913129639935");
        columns.put("network", "'eip155:84532'");
        columns.put("asset", "'0x036CbD53842c5426634e7929541eC2318f3dCF7e'");
        columns.put("nonce", "'0x" + "0".repeat(63) + "1'");
        columns.put("valid_before", "CURRENT_TIMESTAMP");
        columns.put("settlement_request", "'{}'");
        columns.put("state", "'PENDING'");
        columns.put("attempts", "0");
        columns.put("next_attempt_at", "CURRENT_TIMESTAMP");
        columns.put("lease_until", "NULL");
        columns.put("facilitator_transaction", "NULL");
        columns.put("failure_reason", "NULL");
        columns.put("last_error", "NULL");
        columns.put("created_at", "CURRENT_TIMESTAMP");
        columns.put("updated_at", "CURRENT_TIMESTAMP");
        replaced.forEach((column, value) -> {
            if (columns.replace(column, value) == null) {
                throw new IllegalArgumentException("no column " + column);
            }
        });
        return "INSERT INTO x402_payment (" + String.join(", ", columns.keySet()) + ") VALUES ("
                + String.join(", ", columns.values()) + ")";
    }
}
