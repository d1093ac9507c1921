package dev.agentmarketplace.app;

import static dev.agentmarketplace.app.PaidHireApiIT.PAYER;
import static dev.agentmarketplace.app.PaidHireApiIT.PROVIDER;
import static dev.agentmarketplace.x402.interop.Json.bool;
import static dev.agentmarketplace.x402.interop.Json.number;
import static dev.agentmarketplace.x402.interop.Json.object;
import static dev.agentmarketplace.x402.interop.Json.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.payment.Payment;
import dev.agentmarketplace.core.payment.PaymentRepository;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.x402.interop.EnabledIfNodeAvailable;
import dev.agentmarketplace.x402.interop.NodeScripts;
import dev.agentmarketplace.x402.json.JsonObject;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference x402 clients (v2: {@code @x402/core} with {@code @x402/evm}; v1: the legacy {@code
 * x402} package) pay the running platform end to end: the unpaid request gets the 402, the client
 * reads it, signs with its own code and retries, and the platform verifies, settles through the
 * facilitator and answers with the settlement response the client decodes.
 */
@QuarkusTest
@TestProfile(FacilitatorProfile.class)
@EnabledIfNodeAvailable
class ReferenceClientsPayPlatformIT {
    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    TransactionQueries queries;

    @Inject
    PaymentRepository payments;

    @TestHTTPResource(PaidHireApiIT.PATH)
    URL hires;

    @BeforeEach
    void registerAgents() {
        registry.clear();
        FakeFacilitator.reset();
        registry.register(PAYER, "Orchestrator", Availability.ONLINE, "planning");
        registry.register(PROVIDER, "Python Expert", Availability.ONLINE, "python");
    }

    @AfterEach
    void leaveNothingBehind() {
        registry.clear();
    }

    private JsonObject pay(String script, String key, Object... more) {
        Object[] members = {
            "url", hires.toString(),
            "privateKey", TestPayer.KEY,
            "method", "POST",
            "headers",
                    Map.of(
                            "Authorization",
                            "Bearer " + tokens.agent(PAYER),
                            "Idempotency-Key",
                            key,
                            "Content-Type",
                            "application/json"),
            "body", Map.of("capability", "python", "context", "review the parser")
        };
        Object[] all = new Object[members.length + more.length];
        System.arraycopy(members, 0, all, 0, members.length);
        System.arraycopy(more, 0, all, members.length, more.length);
        return NodeScripts.run(script, object(all));
    }

    private Transaction transaction(JsonObject exchange) {
        return queries.get(TransactionId.of(string(exchange, "response.body.transaction.id")))
                .transaction();
    }

    @Test
    void referenceV2ClientPaysAHireAndReadsTheSettlement() {
        // The SDK caps a payment at 1 USDC unless told otherwise; the provider asks 1.50.
        JsonObject exchange = pay("fetch-v2.mjs", "reference-v2-hire-0000001", "spendControls", false);

        assertThat(number(exchange, "challenge.status")).isEqualTo(402);
        assertThat(string(exchange, "payment.headerName")).isEqualTo("PAYMENT-SIGNATURE");
        assertThat(number(exchange, "response.status")).as(exchange.toString()).isEqualTo(201);
        assertThat(bool(exchange, "response.paymentResponse.success")).isTrue();
        assertThat(string(exchange, "response.paymentResponse.network")).isEqualTo("eip155:84532");
        assertThat(string(exchange, "response.paymentResponse.payer")).isEqualTo(TestPayer.ADDRESS);
        String nonce = string(exchange, "payment.payload.payload.authorization.nonce");
        assertThat(string(exchange, "response.paymentResponse.transaction"))
                .isEqualTo(FakeFacilitator.transactionOf(nonce));
        Transaction tx = transaction(exchange);
        assertThat(tx.state()).isEqualTo(TransactionState.SETTLED);
        assertThat(tx.settlementReference()).contains(FakeFacilitator.transactionOf(nonce));
        assertThat(FakeFacilitator.received("/settle"))
                .singleElement()
                .satisfies(settle -> assertThat(settle.idempotencyKey()).isEqualTo("reference-v2-hire-0000001"));
    }

    @Test
    void referenceV2ClientsPaymentIdentifierIsRecordedAsTheHiresRetryKey() {
        JsonObject exchange =
                pay("fetch-v2.mjs", "reference-v2-hire-0000002", "spendControls", false, "paymentId", true);

        assertThat(number(exchange, "response.status")).as(exchange.toString()).isEqualTo(201);
        Payment payment = payments.findByTransaction(transaction(exchange).id()).orElseThrow();
        assertThat(payment.paymentIdentifier()).contains(string(exchange, "payment.paymentId"));
    }

    @Test
    void referenceV1ClientPaysFromTheBodyOfThe402AndReadsTheV1Settlement() {
        JsonObject exchange = pay("fetch-v1.mjs", "reference-v1-hire-0000001");

        assertThat(number(exchange, "challenge.status")).isEqualTo(402);
        assertThat(string(exchange, "payment.headerName")).isEqualTo("X-PAYMENT");
        assertThat(number(exchange, "response.status")).as(exchange.toString()).isEqualTo(201);
        assertThat(bool(exchange, "response.paymentResponse.success")).isTrue();
        assertThat(string(exchange, "response.paymentResponse.network")).isEqualTo("base-sepolia");
        Transaction tx = transaction(exchange);
        assertThat(tx.state()).isEqualTo(TransactionState.SETTLED);
        assertThat(payments.findByTransaction(tx.id()).orElseThrow().x402Version())
                .isEqualTo(1);
    }
}
