package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.payment.PaymentRepository;
import dev.agentmarketplace.core.payment.PaymentState;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.x402.client.PaymentChoice;
import dev.agentmarketplace.x402.client.PaymentHeader;
import dev.agentmarketplace.x402.protocol.PaymentRequired;
import dev.agentmarketplace.x402.protocol.PaymentRequirements;
import dev.agentmarketplace.x402.protocol.X402Headers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hiring through x402 over HTTP with no facilitator configured (the local run): the 402 for both
 * protocol versions, local verification with the specification's reasons, pending settlement,
 * replays, and who may call. {@link PaidHireWithFacilitatorIT} settles through a facilitator.
 */
@QuarkusTest
class PaidHireApiIT {
    static final String PAYER = "orchestrator";
    static final String PROVIDER = "python-expert";
    static final String PATH = "/api/v1/agents/" + PROVIDER + "/hires";
    private static final String OTHER_WALLET = "0x7553F6FA4Fb62986b64f79aEFa1fB93ea64A22b1";
    private static final Map<String, String> BODY = Map.of("capability", "python", "context", "refactor billing");

    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    TransactionQueries queries;

    @Inject
    PaymentRepository payments;

    @BeforeEach
    void registerAgents() {
        registry.clear();
        registry.register(PAYER, "Orchestrator", Availability.ONLINE, "planning");
        registry.register(PROVIDER, "Python Expert", Availability.ONLINE, "python");
        registry.register(
                "euro-expert", "Euro Expert", Availability.ONLINE, Money.of("3.00", "EUR"), 10, Map.of(), "python");
    }

    @AfterEach
    void leaveNothingBehind() {
        registry.clear();
    }

    private RequestSpecification asPayer() {
        return tokens.asAgent(PAYER).contentType("application/json").body(BODY);
    }

    private Response challenge() {
        Response answer = asPayer().post(PATH);
        answer.then().statusCode(402);
        return answer;
    }

    private long transactionCount() {
        return queries.history(TransactionFilter.ALL, Optional.empty(), 200)
                .transactions()
                .size();
    }

    // --- the 402 ---------------------------------------------------------------------------------

    @Test
    void hireWithoutPaymentIsAnsweredWithTheProvidersPriceForBothProtocolVersions() {
        Response answer = asPayer().post(PATH);

        answer.then()
                .statusCode(402)
                .contentType("application/problem+json")
                .header("Access-Control-Expose-Headers", containsString("PAYMENT-REQUIRED"))
                .body("code", equalTo("PAYMENT_REQUIRED"))
                .body("status", equalTo(402))
                .body("reason", nullValue())
                .body("x402Version", equalTo(1))
                .body("error", equalTo("X-PAYMENT header is required"))
                .body("accepts[0].scheme", equalTo("exact"))
                .body("accepts[0].network", equalTo("base-sepolia"))
                .body("accepts[0].maxAmountRequired", equalTo("1500000"))
                .body("accepts[0].payTo", equalTo(RegistryFixture.WALLET.value()))
                .body("accepts[0].resource", endsWith(PATH))
                .body("accepts[0].extra.name", equalTo("USDC"));
        PaymentRequired required = TestPayer.required(answer);
        PaymentRequirements offer = required.accepts().getFirst();
        assertThat(required.error()).contains("PAYMENT-SIGNATURE header is required");
        assertThat(required.resource().url()).endsWith(PATH);
        assertThat(required.resource().description())
                .hasValueSatisfying(d -> assertThat(d).contains(PROVIDER));
        assertThat(offer.network()).isEqualTo("eip155:84532");
        assertThat(offer.amount()).isEqualTo(BigInteger.valueOf(1_500_000));
        assertThat(offer.asset()).isEqualTo("0x036CbD53842c5426634e7929541eC2318f3dCF7e");
        assertThat(offer.payTo()).isEqualTo(RegistryFixture.WALLET.value());
        assertThat(offer.maxTimeoutSeconds()).isEqualTo(300);
        assertThat(offer.eip712Name()).contains("USDC");
        assertThat(offer.eip712Version()).contains("2");
        assertThat(required.extensions().flatMap(e -> e.get("payment-identifier")))
                .isPresent();
        assertThat(transactionCount()).isZero();
    }

    @Test
    void providerPricedInAnotherCurrencyIsRefusedBeforeAnyPayment() {
        tokens.asAgent(PAYER)
                .contentType("application/json")
                .body(BODY)
                .post("/api/v1/agents/euro-expert/hires")
                .then()
                .statusCode(422)
                .body("code", equalTo("PAYMENT_NOT_ACCEPTED"));
    }

    @Test
    void unknownProviderIsNotFoundAndAnOfflineOneUnavailable() {
        tokens.asAgent(PAYER)
                .contentType("application/json")
                .body(BODY)
                .post("/api/v1/agents/ghost/hires")
                .then()
                .statusCode(404)
                .body("code", equalTo("AGENT_NOT_FOUND"));
        registry.lapseHeartbeat(PROVIDER);
        asPayer().post(PATH).then().statusCode(409).body("code", equalTo("PROVIDER_UNAVAILABLE"));
    }

    // --- paying ----------------------------------------------------------------------------------

    @Test
    void v2PaymentIsVerifiedLocallyAndTheHireRecordedWithItsSettlementPending() {
        PaymentHeader payment = TestPayer.payV2(challenge());

        Response hired = asPayer()
                .header(payment.name(), payment.value())
                .header("Idempotency-Key", "paid-hire-2026-12-01-0001")
                .post(PATH);

        hired.then()
                .statusCode(202)
                .contentType("application/json")
                .body("transaction.payer", equalTo(PAYER))
                .body("transaction.provider", equalTo(PROVIDER))
                .body("transaction.amount.amount", equalTo("1.500000"))
                .body("transaction.state", equalTo("PENDING"))
                .body("payment.state", equalTo("PENDING"))
                .body("payment.x402Version", equalTo(2))
                .body("payment.payer", equalTo(TestPayer.ADDRESS))
                .body("payment.payTo", equalTo(RegistryFixture.WALLET.value()))
                .body("payment.amount", equalTo("1500000"))
                .body("payment.network", equalTo("eip155:84532"))
                .body("payment.idempotencyKey", equalTo("paid-hire-2026-12-01-0001"))
                .body("payment.attempts", equalTo(0));
        assertThat(hired.header(X402Headers.PAYMENT_RESPONSE)).isNull();
        String id = hired.path("transaction.id");
        assertThat(hired.header("Location")).endsWith("/api/v1/transactions/" + id);
        assertThat(queries.balanceOf(Account.ESCROW)).containsEntry(Currency.USDC, Money.of("1.50", "USDC"));
        assertThat(payments.findByTransaction(TransactionId.of(id)))
                .hasValueSatisfying(p -> assertThat(p.state()).isEqualTo(PaymentState.PENDING));
    }

    @Test
    void v1PaymentFromTheBodyOfThe402IsAcceptedToo() {
        PaymentHeader payment = TestPayer.payV1(challenge());
        assertThat(payment.name()).isEqualTo(X402Headers.X_PAYMENT);

        asPayer()
                .header(payment.name(), payment.value())
                .post(PATH)
                .then()
                .statusCode(202)
                .body("payment.x402Version", equalTo(1))
                .body("payment.network", equalTo("eip155:84532"))
                .body("transaction.state", equalTo("PENDING"));
    }

    @Test
    void retryPresentingTheSamePaymentGetsTheFirstHireBack() {
        PaymentHeader payment = TestPayer.payV2(challenge());
        String first =
                asPayer().header(payment.name(), payment.value()).post(PATH).path("transaction.id");

        Response again = asPayer().header(payment.name(), payment.value()).post(PATH);

        again.then().statusCode(200).body("transaction.id", equalTo(first));
        assertThat(again.header("Content-Location")).endsWith("/api/v1/transactions/" + first);
        assertThat(transactionCount()).isEqualTo(1);
    }

    @Test
    void paymentIdentifierIsTheRetryKeyOfAClientWithoutIdempotencyKey() {
        Response answer = challenge();
        PaymentHeader payment = TestPayer.payV2(
                answer, Clock.systemUTC(), PaymentChoice.ANY.withPaymentIdentifier("pay_7d5d747be160e280504c099d"));

        String first =
                asPayer().header(payment.name(), payment.value()).post(PATH).path("transaction.id");
        Response again = asPayer().header(payment.name(), payment.value()).post(PATH);

        again.then()
                .statusCode(200)
                .body("transaction.id", equalTo(first))
                .body("payment.paymentIdentifier", equalTo("pay_7d5d747be160e280504c099d"))
                .body("payment.idempotencyKey", equalTo("pay_7d5d747be160e280504c099d"));
    }

    @Test
    void idempotencyKeyReusedWithAnotherPaymentIsAConflict() {
        Response answer = challenge();
        PaymentHeader first = TestPayer.payV2(answer);
        PaymentHeader second = TestPayer.payV2(answer);
        asPayer()
                .header(first.name(), first.value())
                .header("Idempotency-Key", "paid-hire-2026-12-01-0002")
                .post(PATH);

        asPayer()
                .header(second.name(), second.value())
                .header("Idempotency-Key", "paid-hire-2026-12-01-0002")
                .post(PATH)
                .then()
                .statusCode(409)
                .body("code", equalTo("IDEMPOTENCY_MISMATCH"));
    }

    // --- refused payments: 402 with the specification's reason ------------------------------------

    private void assertRefusedWith(String header, String value, String reason) {
        long before = transactionCount();
        Response refused = asPayer().header(header, value).post(PATH);

        refused.then()
                .statusCode(402)
                .contentType("application/problem+json")
                .body("code", equalTo("PAYMENT_REQUIRED"))
                .body("reason", equalTo(reason))
                .body("error", equalTo(reason));
        assertThat(TestPayer.required(refused).error()).contains(reason);
        assertThat(transactionCount()).isEqualTo(before);
    }

    @Test
    void forgedSignatureIsRefused() {
        assertRefusedWith(
                X402Headers.PAYMENT_SIGNATURE, TestPayer.forgedV2(challenge()), "invalid_exact_evm_payload_signature");
    }

    @Test
    void paymentToAnotherWalletIsRefused() {
        assertRefusedWith(
                X402Headers.PAYMENT_SIGNATURE,
                TestPayer.signedV2(challenge(), OTHER_WALLET, BigInteger.valueOf(1_500_000)),
                "invalid_exact_evm_payload_recipient_mismatch");
    }

    @Test
    void paymentOfLessThanThePriceIsRefused() {
        assertRefusedWith(
                X402Headers.PAYMENT_SIGNATURE,
                TestPayer.signedV2(challenge(), RegistryFixture.WALLET.value(), BigInteger.valueOf(1_499_999)),
                "invalid_exact_evm_payload_authorization_value_mismatch");
    }

    @Test
    void expiredAuthorizationIsRefused() {
        Clock anHourAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
        PaymentHeader stale = TestPayer.payV2(challenge(), anHourAgo, PaymentChoice.ANY);

        assertRefusedWith(stale.name(), stale.value(), "invalid_exact_evm_payload_authorization_valid_before");
    }

    @Test
    void authorizationNotYetValidIsRefused() {
        Clock inAnHour = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        PaymentHeader early = TestPayer.payV2(challenge(), inAnHour, PaymentChoice.ANY);

        assertRefusedWith(early.name(), early.value(), "invalid_exact_evm_payload_authorization_valid_after");
    }

    @Test
    void replayedAuthorizationUnderAnotherKeyIsRefused() {
        PaymentHeader payment = TestPayer.payV2(challenge());
        asPayer()
                .header(payment.name(), payment.value())
                .header("Idempotency-Key", "paid-hire-2026-12-01-0003")
                .post(PATH);

        assertThat(asPayer()
                        .header(payment.name(), payment.value())
                        .header("Idempotency-Key", "paid-hire-2026-12-01-0004")
                        .post(PATH)
                        .then()
                        .statusCode(402)
                        .extract()
                        .<String>path("reason"))
                .isEqualTo("invalid_transaction_state");
        assertThat(transactionCount()).isEqualTo(1);
    }

    @Test
    void malformedPaymentHeaderIsRefusedWithTheReasonOfWhatIsWrong() {
        assertRefusedWith(X402Headers.PAYMENT_SIGNATURE, "not base64 at all!", "invalid_payload");
        assertRefusedWith(X402Headers.X_PAYMENT, "bm90IGpzb24=", "invalid_payload");
        assertRefusedWith(X402Headers.PAYMENT_SIGNATURE, "e30=", "invalid_x402_version");
    }

    @Test
    void v1PaymentInTheV2HeaderIsTheWrongVersion() {
        PaymentHeader v1 = TestPayer.payV1(challenge());

        assertRefusedWith(X402Headers.PAYMENT_SIGNATURE, v1.value(), "invalid_x402_version");
    }

    // --- bad input and who may call --------------------------------------------------------------

    @Test
    void bothPaymentHeadersAtOnceIsBadInput() {
        Response answer = challenge();
        PaymentHeader v2 = TestPayer.payV2(answer);
        PaymentHeader v1 = TestPayer.payV1(answer);

        asPayer()
                .header(v2.name(), v2.value())
                .header(v1.name(), v1.value())
                .post(PATH)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_VALUE"));
        assertThat(transactionCount()).isZero();
    }

    @Test
    void missingCapabilityOrMalformedKeyIsBadInput() {
        tokens.asAgent(PAYER)
                .contentType("application/json")
                .body(Map.of("context", "no capability"))
                .post(PATH)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("capability"));
        asPayer().header("Idempotency-Key", "short").post(PATH).then().statusCode(400);
    }

    @Test
    void withoutATokenTheAnswerIs401NotA402() {
        RestAssured.given()
                .contentType("application/json")
                .body(BODY)
                .post(PATH)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer");
        RestAssured.given()
                .auth()
                .oauth2("not.a.token")
                .contentType("application/json")
                .body(BODY)
                .post(PATH)
                .then()
                .statusCode(401);
    }

    @Test
    void onlyAnAgentHiresAndOnlyAsItself() {
        tokens.asOperator()
                .contentType("application/json")
                .body(BODY)
                .post(PATH)
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"));
        tokens.asAgent(PAYER)
                .contentType("application/json")
                .body(Map.of("payer", "bystander", "capability", "python"))
                .post(PATH)
                .then()
                .statusCode(403)
                .body("code", equalTo("ACTING_AS_ANOTHER_AGENT"));
    }

    /** Authorization comes before anything is read: a stranger cannot tell a paid hire from an unpaid one. */
    @Test
    void aStrangerIsRefusedAHiresPaymentWhetherOrNotTheHireWasPaidThroughX402() {
        registry.register("bystander", "Bystander", Availability.ONLINE, "planning");
        PaymentHeader payment = TestPayer.payV2(challenge());
        String paid =
                asPayer().header(payment.name(), payment.value()).post(PATH).path("transaction.id");
        String unpaid = tokens.asAgent(PAYER)
                .header("Idempotency-Key", "unpaid-hire-0001")
                .contentType("application/json")
                .body(Map.of(
                        "provider",
                        PROVIDER,
                        "capability",
                        "python",
                        "amount",
                        Map.of("amount", "1.50", "currency", "USDC")))
                .post("/api/v1/transactions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        for (String id : new String[] {paid, unpaid}) {
            tokens.asAgent("bystander")
                    .get("/api/v1/transactions/" + id + "/payment")
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("ACTING_AS_ANOTHER_AGENT"));
        }
        tokens.asAgent(PAYER)
                .get("/api/v1/transactions/" + unpaid + "/payment")
                .then()
                .statusCode(404)
                .body("code", equalTo("PAYMENT_NOT_FOUND"));
        tokens.asAgent(PAYER)
                .get("/api/v1/transactions/00000000-0000-4000-8000-000000000000/payment")
                .then()
                .statusCode(404)
                .body("code", equalTo("TRANSACTION_NOT_FOUND"));
    }

    @Test
    void hirePaidThroughX402CannotBeSettledOrCancelledByHandWhileItsPaymentIsPending() {
        PaymentHeader payment = TestPayer.payV2(challenge());
        String id = asPayer().header(payment.name(), payment.value()).post(PATH).path("transaction.id");

        tokens.asAgent(PAYER)
                .post("/api/v1/transactions/" + id + "/cancellation")
                .then()
                .statusCode(409)
                .body("code", equalTo("PAYMENT_IN_PROGRESS"));
        tokens.asOperator()
                .contentType("application/json")
                .body("{}")
                .post("/api/v1/transactions/" + id + "/settlement")
                .then()
                .statusCode(409)
                .body("code", equalTo("PAYMENT_IN_PROGRESS"));
        assertThat(queries.get(TransactionId.of(id)).transaction().state()).isEqualTo(TransactionState.PENDING);
    }
}
