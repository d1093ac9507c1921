package dev.agentmarketplace.x402.interop;

import static dev.agentmarketplace.x402.interop.Fixtures.PAYER;
import static dev.agentmarketplace.x402.interop.Fixtures.PAYER_KEY;
import static dev.agentmarketplace.x402.interop.Json.at;
import static dev.agentmarketplace.x402.interop.Json.bool;
import static dev.agentmarketplace.x402.interop.Json.isNull;
import static dev.agentmarketplace.x402.interop.Json.number;
import static dev.agentmarketplace.x402.interop.Json.object;
import static dev.agentmarketplace.x402.interop.Json.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.protocol.PaymentPayload;
import dev.agentmarketplace.x402.protocol.PaymentPayloadV1;
import dev.agentmarketplace.x402.protocol.SignedPayment;
import dev.agentmarketplace.x402.protocol.X402Headers;
import dev.agentmarketplace.x402.protocol.X402Json;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * fetch-v2.mjs and fetch-v1.mjs, the reference clients' whole paid exchange, against a resource server
 * that speaks x402 only through our codec and verifier (FakeResourceServer): the scripts the
 * end-to-end test against the running platform will use are known to work.
 */
@EnabledIfNodeAvailable
class ReferenceFetchInteropIT {

    private static final BigInteger AMOUNT = BigInteger.valueOf(10_000);
    private static final JsonObject DECLARES_PAYMENT_IDENTIFIER =
            object("payment-identifier", object("info", object("required", false)));
    private static final JsonObject HIRE = object("capability", "translate", "input", "Guten Tag");

    private FakeResourceServer server;

    @BeforeEach
    void startServer() {
        server = new FakeResourceServer(AMOUNT, Optional.of(DECLARES_PAYMENT_IDENTIFIER));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void fetchV2PaysOurOfferAndReadsOurSettlement() {
        JsonObject exchange = NodeScripts.run(
                "fetch-v2.mjs",
                object(
                        "url",
                        server.url("/v2/transactions"),
                        "privateKey",
                        PAYER_KEY,
                        "method",
                        "POST",
                        "headers",
                        object("Authorization", "Bearer agent-token", "Idempotency-Key", "hire-42"),
                        "body",
                        HIRE,
                        "paymentId",
                        "hire_42_0123456789"));

        assertThat(number(exchange, "challenge.status")).isEqualTo(402);
        assertThat(at(exchange, "challenge.paymentRequired.accepts"))
                .isEqualTo(Json.value(List.of(X402Json.write(server.offer()))));
        assertThat(number(exchange, "response.status")).isEqualTo(200);
        assertThat(string(exchange, "response.paymentStatus")).isEqualTo("settled");
        assertThat(bool(exchange, "response.paymentResponse.success")).isTrue();
        assertThat(string(exchange, "response.paymentResponse.transaction")).isEqualTo(FakeResourceServer.TRANSACTION);
        assertThat(string(exchange, "response.paymentResponse.payer")).isEqualTo(PAYER);
        assertThat(string(exchange, "response.paymentResponse.amount")).isEqualTo("10000");
        assertThat(at(exchange, "response.body")).isEqualTo(object("served", "/v2/transactions"));

        List<FakeResourceServer.Seen> requests = server.requests();
        assertThat(requests).hasSize(2).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.header("Authorization")).contains("Bearer agent-token");
            assertThat(request.header("Idempotency-Key")).contains("hire-42");
            assertThat(request.header("Content-Type")).contains("application/json");
            assertThat(request.json()).isEqualTo(HIRE);
        });
        assertThat(requests.get(0).header(X402Headers.PAYMENT_SIGNATURE)).isEmpty();
        assertThat(requests.get(1).header(X402Headers.PAYMENT_SIGNATURE)).contains(string(exchange, "payment.header"));

        List<SignedPayment> payments = server.payments();
        assertThat(payments).hasSize(1).first().isInstanceOf(PaymentPayload.class);
        PaymentPayload payment = (PaymentPayload) payments.getFirst();
        assertThat(payment.accepted()).isEqualTo(server.offer());
        assertThat(payment.payload().authorization().from()).isEqualTo(PAYER);
        assertThat(string(payment.extensions().orElseThrow(), "payment-identifier.info.id"))
                .isEqualTo("hire_42_0123456789");
    }

    @Test
    void fetchV1PaysOurV1OfferAndReadsOurSettlement() {
        JsonObject exchange = NodeScripts.run(
                "fetch-v1.mjs",
                object(
                        "url", server.url("/v1/reports/7"),
                        "privateKey", PAYER_KEY,
                        "headers", object("Authorization", "Bearer agent-token")));

        assertThat(number(exchange, "challenge.status")).isEqualTo(402);
        assertThat(string(exchange, "challenge.body.error")).isEqualTo("X-PAYMENT header is required");
        assertThat(string(exchange, "payment.headerName")).isEqualTo(X402Headers.X_PAYMENT);
        assertThat(number(exchange, "response.status")).isEqualTo(200);
        assertThat(bool(exchange, "response.paymentResponse.success")).isTrue();
        assertThat(string(exchange, "response.paymentResponse.network")).isEqualTo("base-sepolia");
        assertThat(string(exchange, "response.paymentResponse.payer")).isEqualTo(PAYER);
        assertThat(at(exchange, "response.body")).isEqualTo(object("served", "/v1/reports/7"));

        List<FakeResourceServer.Seen> requests = server.requests();
        assertThat(requests).hasSize(2).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.header("Authorization")).contains("Bearer agent-token");
        });
        assertThat(requests.get(1).header(X402Headers.X_PAYMENT)).contains(string(exchange, "payment.header"));
        assertThat(server.payments()).hasSize(1).first().isInstanceOfSatisfying(PaymentPayloadV1.class, payment -> {
            assertThat(payment.network()).isEqualTo("base-sepolia");
            assertThat(payment.payload().authorization().from()).isEqualTo(PAYER);
        });
    }

    @Test
    void fetchV2ReportsAPaymentTheServerRefuses() {
        server.refuseWith("insufficient_funds");

        JsonObject exchange =
                NodeScripts.run("fetch-v2.mjs", object("url", server.url("/v2/transactions"), "privateKey", PAYER_KEY));

        assertThat(number(exchange, "response.status")).isEqualTo(402);
        assertThat(string(exchange, "response.paymentStatus")).isEqualTo("payment_required");
        assertThat(string(exchange, "response.paymentRequired.error")).isEqualTo("insufficient_funds");
        assertThat(isNull(exchange, "response.paymentResponse")).isTrue();
        assertThat(server.payments()).hasSize(1);
    }

    @Test
    void fetchV2FailsWhenTheResourceAsksForNoPayment() {
        NodeScripts.Run run =
                NodeScripts.runFailing("fetch-v2.mjs", object("url", server.url("/free"), "privateKey", PAYER_KEY));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("expected 402 Payment Required to the unpaid request, got 200");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void fetchV2RefusesInputWithoutAPrivateKey() {
        NodeScripts.Run run = NodeScripts.runFailing("fetch-v2.mjs", object("url", server.url("/v2/transactions")));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("\"privateKey\" must be a non-empty string");
        assertThat(server.requests()).isEmpty();
    }
}
