package dev.agentmarketplace.app;

import static dev.agentmarketplace.app.PaidHireApiIT.PATH;
import static dev.agentmarketplace.app.PaidHireApiIT.PAYER;
import static dev.agentmarketplace.app.PaidHireApiIT.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.payment.SignedReceipt;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.client.PaymentHeader;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonReader;
import dev.agentmarketplace.x402.protocol.SettlementResponse;
import dev.agentmarketplace.x402.protocol.X402Headers;
import dev.agentmarketplace.x402.receipt.ExportVerifier;
import dev.agentmarketplace.x402.receipt.ReceiptJsonLine;
import dev.agentmarketplace.x402.receipt.ReceiptVerifier;
import dev.agentmarketplace.x402.receipt.VerificationReport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hiring through x402 with a facilitator ({@link FakeFacilitator}): verified by the platform and the
 * facilitator, settled before the answer, refused or undecided settlements, the outbox retrying with
 * the hire's key, and the platform-signed receipts and exports of what settled.
 */
@QuarkusTest
@TestProfile(FacilitatorProfile.class)
class PaidHireWithFacilitatorIT {
    private static final Map<String, String> BODY = Map.of("capability", "python", "context", "refactor billing");
    private static final JsonReader READER = new JsonReader(1 << 20, 64);
    /** FakeFacilitator's request timeout is 2 s: a second attempt could not finish within this. */
    private static final Duration TWO_REQUEST_TIMEOUTS = Duration.ofSeconds(4);

    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    TransactionQueries queries;

    @Inject
    SettlementWorker worker;

    @BeforeEach
    void registerAgents() {
        registry.clear();
        FakeFacilitator.reset();
        registry.register(PAYER, "Orchestrator", Availability.ONLINE, "planning");
        registry.register(PROVIDER, "Python Expert", Availability.ONLINE, "python");
        registry.register("bystander", "Bystander", Availability.ONLINE, "planning");
    }

    @AfterEach
    void leaveNothingBehind() {
        registry.clear();
    }

    private RequestSpecification asPayer() {
        return tokens.asAgent(PAYER).contentType("application/json").body(BODY);
    }

    private PaymentHeader payV2() {
        Response answer = asPayer().post(PATH);
        answer.then().statusCode(402);
        return TestPayer.payV2(answer);
    }

    private Response hire(PaymentHeader payment, String key) {
        return asPayer()
                .header(payment.name(), payment.value())
                .header("Idempotency-Key", key)
                .post(PATH);
    }

    private static String nonceOf(PaymentHeader payment) {
        return payment.payment().payload().authorization().nonce();
    }

    private Transaction transaction(String id) {
        return queries.get(TransactionId.of(id)).transaction();
    }

    @Test
    void paymentIsVerifiedSettledAndAnsweredWith201AndThePaymentResponse() {
        PaymentHeader payment = payV2();

        Response hired = hire(payment, "settled-hire-2026-12-01-01");

        hired.then()
                .statusCode(201)
                .body("transaction.state", equalTo("SETTLED"))
                .body("payment.state", equalTo("SETTLED"))
                .body("payment.attempts", equalTo(1))
                .body("payment.facilitatorTransaction", equalTo(FakeFacilitator.transactionOf(nonceOf(payment))));
        SettlementResponse response = X402Headers.decodePaymentResponse(hired.header(X402Headers.PAYMENT_RESPONSE));
        assertThat(response.success()).isTrue();
        assertThat(response.transaction()).isEqualTo(FakeFacilitator.transactionOf(nonceOf(payment)));
        assertThat(response.network()).isEqualTo("eip155:84532");
        assertThat(response.payer()).contains(TestPayer.ADDRESS);
        assertThat(response.amount()).contains(BigInteger.valueOf(1_500_000));
        Transaction tx = transaction(hired.path("transaction.id"));
        assertThat(tx.settlementReference()).contains(response.transaction());
        assertThat(queries.balanceOf(new Account.OfAgent(AgentId.of(PROVIDER))))
                .containsEntry(Currency.USDC, Money.of("1.4625", "USDC"));
        assertThat(FakeFacilitator.received("/verify")).hasSize(1);
        List<FakeFacilitator.Received> settles = FakeFacilitator.received("/settle");
        assertThat(settles).singleElement().satisfies(settle -> {
            assertThat(settle.idempotencyKey()).isEqualTo("settled-hire-2026-12-01-01");
            assertThat(settle.authorization()).isEqualTo("Bearer facilitator-test-key");
            JsonObject request = (JsonObject) READER.read(settle.body());
            assertThat(FakeFacilitator.nonce(request)).isEqualTo(nonceOf(payment));
        });
    }

    @Test
    void v1PaymentIsSettledAndAnsweredWithTheV1ResponseHeader() {
        Response answer = asPayer().post(PATH);
        PaymentHeader payment = TestPayer.payV1(answer);

        Response hired = hire(payment, "settled-hire-2026-12-01-02");

        hired.then().statusCode(201).body("payment.x402Version", equalTo(1));
        SettlementResponse response = X402Headers.decodePaymentResponse(hired.header(X402Headers.X_PAYMENT_RESPONSE));
        assertThat(response.success()).isTrue();
        assertThat(response.network()).isEqualTo("base-sepolia");
        assertThat(hired.header(X402Headers.PAYMENT_RESPONSE)).isNull();
    }

    @Test
    void settlementTheFacilitatorRefusesCancelsTheHireAndAnswers402WithItsReason() {
        FakeFacilitator.settleAnswers(new FakeFacilitator.Answer(
                200,
                "{\"success\":false,\"errorReason\":\"insufficient_funds\",\"transaction\":\"\","
                        + "\"network\":\"eip155:84532\"}"));
        PaymentHeader payment = payV2();

        Response refused = hire(payment, "refused-hire-2026-12-01-01");

        refused.then()
                .statusCode(402)
                .body("code", equalTo("PAYMENT_REQUIRED"))
                .body("reason", equalTo("insufficient_funds"));
        SettlementResponse response = X402Headers.decodePaymentResponse(refused.header(X402Headers.PAYMENT_RESPONSE));
        assertThat(response.success()).isFalse();
        assertThat(response.errorReason()).contains("insufficient_funds");
        assertThat(response.transaction()).isEmpty();
        Transaction tx = queries.history(TransactionFilter.ALL, Optional.empty(), 10)
                .transactions()
                .getFirst();
        assertThat(tx.state()).isEqualTo(TransactionState.CANCELLED);
        tokens.asAgent(PAYER)
                .get("/api/v1/transactions/" + tx.id().value() + "/payment")
                .then()
                .statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("failureReason", equalTo("insufficient_funds"));
    }

    @Test
    void paymentTheFacilitatorFindsInvalidIsRefusedWithItsReasonAndNothingRecorded() {
        FakeFacilitator.verifyAnswers(new FakeFacilitator.Answer(
                200,
                "{\"isValid\":false,\"invalidReason\":\"insufficient_funds\",\"payer\":\"" + TestPayer.ADDRESS
                        + "\"}"));
        PaymentHeader payment = payV2();

        hire(payment, "invalid-hire-2026-12-01-01")
                .then()
                .statusCode(402)
                .body("reason", equalTo("insufficient_funds"));
        assertThat(queries.history(TransactionFilter.ALL, Optional.empty(), 10).transactions())
                .isEmpty();
        assertThat(FakeFacilitator.received("/settle")).isEmpty();
    }

    @Test
    void unreachableFacilitatorIs503AndRecordsNothing() {
        FakeFacilitator.verifyAnswers(new FakeFacilitator.Answer(503, "{}"));
        PaymentHeader payment = payV2();

        hire(payment, "down-hire-2026-12-01-0001")
                .then()
                .statusCode(503)
                .body("code", equalTo("FACILITATOR_UNAVAILABLE"));
        assertThat(queries.history(TransactionFilter.ALL, Optional.empty(), 10).transactions())
                .isEmpty();
    }

    @Test
    void undecidedSettlementIsAnswered202AndTheOutboxSettlesItLaterWithTheSameKeyAndBody() throws Exception {
        FakeFacilitator.settleAnswers(new FakeFacilitator.Answer(502, "{}"));
        PaymentHeader payment = payV2();

        Response pending = hire(payment, "undecided-hire-2026-12-01-1");

        pending.then()
                .statusCode(202)
                .body("transaction.state", equalTo("PENDING"))
                .body("payment.state", equalTo("PENDING"))
                .body("payment.attempts", equalTo(1));
        assertThat(pending.header(X402Headers.PAYMENT_RESPONSE)).isNull();
        String id = pending.path("transaction.id");
        Thread.sleep(300);
        worker.drain();

        assertThat(transaction(id).state()).isEqualTo(TransactionState.SETTLED);
        tokens.asAgent(PAYER)
                .get("/api/v1/transactions/" + id + "/payment")
                .then()
                .statusCode(200)
                .body("state", equalTo("SETTLED"))
                .body("attempts", equalTo(2));
        List<FakeFacilitator.Received> settles = FakeFacilitator.received("/settle");
        assertThat(settles).hasSize(2);
        assertThat(settles)
                .extracting(FakeFacilitator.Received::idempotencyKey)
                .containsOnly("undecided-hire-2026-12-01-1");
        assertThat(settles)
                .extracting(FakeFacilitator.Received::body)
                .containsOnly(settles.getFirst().body());
    }

    @Test
    void verificationTheFacilitatorDoesNotAnswerIsAskedOnceAndAnswered503Promptly() {
        FakeFacilitator.verifyAnswers(FakeFacilitator.Answer.hang(), FakeFacilitator.Answer.hang());
        PaymentHeader payment = payV2();

        long started = System.nanoTime();
        hire(payment, "hanging-verify-2026-12-03-01")
                .then()
                .statusCode(503)
                .body("code", equalTo("FACILITATOR_UNAVAILABLE"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // One request timeout, not one per attempt: retrying belongs to the client (503).
        assertThat(FakeFacilitator.received("/verify")).hasSize(1);
        assertThat(took).isLessThan(TWO_REQUEST_TIMEOUTS);
        assertThat(FakeFacilitator.received("/settle")).isEmpty();
    }

    @Test
    void settlementTheFacilitatorDoesNotAnswerIsSentOnceInTheRequestAndRetriedByTheOutbox() throws Exception {
        FakeFacilitator.settleAnswers(FakeFacilitator.Answer.hang(), FakeFacilitator.Answer.hang());
        PaymentHeader payment = payV2();

        long started = System.nanoTime();
        Response pending = hire(payment, "hanging-settle-2026-12-03-1");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        pending.then().statusCode(202).body("payment.state", equalTo("PENDING"));
        assertThat(FakeFacilitator.received("/verify")).hasSize(1);
        assertThat(FakeFacilitator.received("/settle")).hasSize(1);
        assertThat(took).isLessThan(TWO_REQUEST_TIMEOUTS);
        Thread.sleep(300);
        worker.drain(); // the second scripted hang: undecided again, one call
        assertThat(FakeFacilitator.received("/settle")).hasSize(2);
        Thread.sleep(500);
        worker.drain();
        assertThat(FakeFacilitator.received("/settle")).hasSize(3);
        assertThat(transaction(pending.path("transaction.id")).state()).isEqualTo(TransactionState.SETTLED);
    }

    @Test
    void retryOfASettledHireReturnsItWithThePaymentResponseWithoutSettlingAgain() {
        PaymentHeader payment = payV2();
        String first = hire(payment, "retried-hire-2026-12-01-01").path("transaction.id");

        Response again = hire(payment, "retried-hire-2026-12-01-01");

        again.then().statusCode(200).body("transaction.id", equalTo(first));
        assertThat(X402Headers.decodePaymentResponse(again.header(X402Headers.PAYMENT_RESPONSE))
                        .success())
                .isTrue();
        assertThat(FakeFacilitator.received("/settle")).hasSize(1);
    }

    // --- receipts ----------------------------------------------------------------------------------

    private WalletAddress publishedSigner() {
        return WalletAddress.of(RestAssured.given()
                .get("/.well-known/settlement-receipts")
                .then()
                .statusCode(200)
                .body("primaryType", equalTo("SettlementReceipt"))
                .body("domain.name", equalTo("Agent Marketplace"))
                .body("domain.version", equalTo("1"))
                .body(
                        "types.SettlementReceipt.name",
                        hasItems("paid", "refunded", "net", "method", "chainTransaction", "offChainReference"))
                .extract()
                .<String>path("signer"));
    }

    @Test
    void settledHireHasAReceiptSignedByThePublishedSignerNamingItsPayment() {
        PaymentHeader payment = payV2();
        String id = hire(payment, "receipt-hire-2026-12-01-01").path("transaction.id");

        String line = tokens.asAgent(PROVIDER)
                .get("/api/v1/transactions/" + id + "/receipt")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("transactionId", equalTo(id))
                .body("payer", equalTo(PAYER))
                .body("provider", equalTo(PROVIDER))
                .body("paid", equalTo("1500000"))
                .body("refunded", equalTo("0"))
                .body("net", equalTo("1500000"))
                .body("currency", equalTo("USDC"))
                .body("decimals", equalTo(6))
                .body("method", equalTo("x402"))
                .body("payerWallet", equalTo(TestPayer.ADDRESS))
                .body("payTo", equalTo(RegistryFixture.WALLET.value()))
                .body("network", equalTo("eip155:84532"))
                .body("paymentNonce", equalTo(nonceOf(payment)))
                .body("chainTransaction", equalTo(FakeFacilitator.transactionOf(nonceOf(payment))))
                .body("offChainReference", equalTo(""))
                .extract()
                .asString();
        SignedReceipt receipt = ReceiptJsonLine.decode(line);

        new ReceiptVerifier(publishedSigner()).verify(receipt);
        assertThat(receipt.receipt().journalHash())
                .isEqualTo(queries.get(TransactionId.of(id)).entries().getLast().hash());
    }

    @Test
    void receiptOfAV1PaymentNamesItsNetworkInCaip2FormLikeEveryReceipt() {
        PaymentHeader payment = TestPayer.payV1(asPayer().post(PATH));
        String id = hire(payment, "receipt-hire-2026-12-03-v1").path("transaction.id");

        // The payment said "base-sepolia"; the signed receipt says the chain unambiguously.
        String line = tokens.asAgent(PAYER)
                .get("/api/v1/transactions/" + id + "/receipt")
                .then()
                .statusCode(200)
                .body("method", equalTo("x402"))
                .body("network", equalTo("eip155:84532"))
                .extract()
                .asString();
        new ReceiptVerifier(publishedSigner()).verify(ReceiptJsonLine.decode(line));
    }

    @Test
    void hireSettledByHandHasAnOffChainReceiptWhoseReferenceIsNoChainTransaction() {
        String id = tokens.asAgent(PAYER)
                .header("Idempotency-Key", "by-hand-hire-2026-12-03-01")
                .contentType("application/json")
                .body(Map.of(
                        "provider",
                        PROVIDER,
                        "capability",
                        "python",
                        "amount",
                        Map.of("amount", "1.50", "currency", "USDC"),
                        "context",
                        "paid by wire"))
                .post("/api/v1/transactions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        tokens.asAgent(PAYER)
                .contentType("application/json")
                .body(Map.of("settlementReference", "0xpayers-own-reference"))
                .post("/api/v1/transactions/" + id + "/settlement")
                .then()
                .statusCode(200);

        String line = tokens.asAgent(PAYER)
                .get("/api/v1/transactions/" + id + "/receipt")
                .then()
                .statusCode(200)
                .body("method", equalTo("off-chain"))
                .body("chainTransaction", equalTo(""))
                .body("offChainReference", equalTo("0xpayers-own-reference"))
                .body("network", equalTo(""))
                .body("payerWallet", equalTo("0x0000000000000000000000000000000000000000"))
                .body("paid", equalTo("1500000"))
                .body("refunded", equalTo("0"))
                .extract()
                .asString();
        new ReceiptVerifier(publishedSigner()).verify(ReceiptJsonLine.decode(line));
    }

    @Test
    void receiptIsForPartiesAndOperatorsAndOnlyOfSettledHires() {
        PaymentHeader payment = payV2();
        String id = hire(payment, "receipt-hire-2026-12-01-02").path("transaction.id");

        tokens.asAgent("bystander")
                .get("/api/v1/transactions/" + id + "/receipt")
                .then()
                .statusCode(403);
        tokens.asOperator()
                .get("/api/v1/transactions/" + id + "/receipt")
                .then()
                .statusCode(200);
        RestAssured.given()
                .get("/api/v1/transactions/" + id + "/receipt")
                .then()
                .statusCode(401);
        tokens.asAgent(PAYER)
                .get("/api/v1/transactions/not-a-uuid/receipt")
                .then()
                .statusCode(400);
        FakeFacilitator.settleAnswers(new FakeFacilitator.Answer(502, "{}"));
        String pending = hire(payV2(), "receipt-hire-2026-12-01-03").path("transaction.id");
        tokens.asAgent(PAYER)
                .get("/api/v1/transactions/" + pending + "/receipt")
                .then()
                .statusCode(404)
                .body("code", equalTo("RECEIPT_NOT_FOUND"));
    }

    @Test
    void exportOfSettlementsVerifiesOfflineAndHoldsOnlyWhatTheCallerMaySee() throws IOException {
        hire(payV2(), "export-hire-2026-12-01-0001");
        hire(payV2(), "export-hire-2026-12-01-0002");
        WalletAddress signer = publishedSigner();

        VerificationReport operators = verifyExport(tokens.asOperator(), "", signer);
        VerificationReport payers = verifyExport(tokens.asAgent(PAYER), "", signer);
        VerificationReport strangers = verifyExport(tokens.asAgent("bystander"), "", signer);

        assertThat(operators.ok()).as(operators.toString()).isTrue();
        assertThat(operators.lines()).isEqualTo(2);
        assertThat(payers.lines()).isEqualTo(2);
        assertThat(strangers.ok()).isTrue();
        assertThat(strangers.lines()).isZero();
        tokens.asAgent(PAYER)
                .queryParam("agent", "bystander")
                .get("/api/v1/settlements/export")
                .then()
                .statusCode(403)
                .body("code", equalTo("ACTING_AS_ANOTHER_AGENT"));
        tokens.asOperator()
                .queryParam("from", "yesterday")
                .get("/api/v1/settlements/export")
                .then()
                .statusCode(400);
        RestAssured.given().get("/api/v1/settlements/export").then().statusCode(401);
    }

    private static VerificationReport verifyExport(RequestSpecification caller, String query, WalletAddress signer)
            throws IOException {
        byte[] zip = caller.get("/api/v1/settlements/export" + query)
                .then()
                .statusCode(200)
                .contentType("application/zip")
                .extract()
                .asByteArray();
        Path file = Files.createTempFile("settlements", ".zip");
        try {
            Files.write(file, zip);
            return new ExportVerifier().verify(file, Optional.of(signer));
        } finally {
            Files.delete(file);
        }
    }
}
