package dev.agentmarketplace.x402.facilitator;

import static dev.agentmarketplace.x402.facilitator.HttpFacilitatorClientTest.SETTLED;
import static dev.agentmarketplace.x402.facilitator.HttpFacilitatorClientTest.TX;
import static dev.agentmarketplace.x402.facilitator.HttpFacilitatorClientTest.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.payment.FacilitatorUnavailableException;
import dev.agentmarketplace.core.payment.FacilitatorVerdict;
import dev.agentmarketplace.core.payment.Payment;
import dev.agentmarketplace.core.payment.SettlementOutcome;
import dev.agentmarketplace.core.payment.VerifiedPayment;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.facilitator.FakeFacilitator.Reply;
import dev.agentmarketplace.x402.testing.Fixtures;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class X402FacilitatorTest {

    private static final String REQUEST = "{\"x402Version\":2,\"paymentPayload\":{},\"paymentRequirements\":{}}";
    private static final String HIRE_KEY = "hire-key-0123456789";
    private static final VerifiedPayment VERIFIED = new VerifiedPayment(
            2,
            WalletAddress.of(Fixtures.PAYER),
            WalletAddress.of(Fixtures.PAY_TO),
            Fixtures.AMOUNT,
            "eip155:84532",
            WalletAddress.of(Fixtures.USDC_BASE_SEPOLIA),
            Fixtures.NONCE,
            Fixtures.NOW.minusSeconds(600),
            Fixtures.NOW.plusSeconds(300),
            Optional.empty(),
            "0".repeat(64),
            REQUEST);
    private static final Payment PAYMENT = Payment.pending(
            TransactionId.of(UUID.fromString("6f1c1f8e-3f43-4d4c-9b0e-1f6c5c2d7a10")),
            AgentId.of("orchestrator"),
            IdempotencyKey.of(HIRE_KEY),
            VERIFIED,
            Fixtures.NOW);

    private FakeFacilitator server;
    private X402Facilitator facilitator;

    @BeforeEach
    void start() throws IOException {
        server = new FakeFacilitator();
        facilitator = new X402Facilitator(new HttpFacilitatorClient(
                FacilitatorConfig.of(server.base()).withRetries(2, Duration.ofMillis(1), Duration.ofMillis(1))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aConfiguredFacilitatorSaysSo() {
        assertThat(facilitator.configured()).isTrue();
    }

    @Test
    void validAnswerIsAValidVerdict() {
        server.on("/verify", Reply.of(200, VALID));

        assertThat(facilitator.verify(VERIFIED)).isEqualTo(new FacilitatorVerdict.Valid());
        assertThat(server.requests().getFirst().body()).isEqualTo(REQUEST);
    }

    @Test
    void refusalIsAnInvalidVerdictWithTheReasonAsSent() {
        server.on("/verify", Reply.of(200, "{\"isValid\":false,\"invalidReason\":\"invalid_exact_evm_signature\"}"));

        assertThat(facilitator.verify(VERIFIED))
                .isEqualTo(new FacilitatorVerdict.Invalid("invalid_exact_evm_signature"));
    }

    @Test
    void refusalWithoutAReasonIsAnUnexpectedVerifyError() {
        server.on("/verify", Reply.of(400, "{\"isValid\":false}"));

        assertThat(facilitator.verify(VERIFIED)).isEqualTo(new FacilitatorVerdict.Invalid("unexpected_verify_error"));
    }

    @Test
    void noDecisionOnVerifyIsFacilitatorUnavailable() {
        server.on("/verify", Reply.of(502, ""));

        assertThatThrownBy(() -> facilitator.verify(VERIFIED))
                .isInstanceOfSatisfying(
                        FacilitatorUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FACILITATOR_UNAVAILABLE))
                .hasMessageContaining("HTTP 502");
    }

    @Test
    void settlementSendsTheRecordedRequestUnderTheHiresKey() {
        server.on("/settle", Reply.of(200, SETTLED));

        assertThat(facilitator.settle(PAYMENT)).isEqualTo(new SettlementOutcome.Settled(TX));
        assertThat(server.requests().getFirst().body()).isEqualTo(REQUEST);
        assertThat(server.requests().getFirst().headers().getFirst("Idempotency-Key"))
                .isEqualTo(HIRE_KEY);
    }

    @Test
    void refusedSettlementCarriesTheReasonAsSent() {
        server.on(
                "/settle",
                Reply.of(
                        200,
                        "{\"success\":false,\"errorReason\":\"invalid_exact_evm_nonce_already_used\",\"transaction\":\"\","
                                + "\"network\":\"eip155:84532\"}"));

        assertThat(facilitator.settle(PAYMENT))
                .isEqualTo(new SettlementOutcome.Refused("invalid_exact_evm_nonce_already_used"));
    }

    @Test
    void refusedSettlementWithoutAReasonIsAnUnexpectedSettleError() {
        server.on("/settle", Reply.of(400, "{\"success\":false,\"transaction\":\"\",\"network\":\"eip155:84532\"}"));

        assertThat(facilitator.settle(PAYMENT)).isEqualTo(new SettlementOutcome.Refused("unexpected_settle_error"));
    }

    @Test
    void noDecisionOnSettleIsUndecidedNotAnException() {
        server.on("/settle", Reply.of(500, "{\"error\":\"rpc down\"}"));

        SettlementOutcome outcome = facilitator.settle(PAYMENT);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        SettlementOutcome.Undecided.class,
                        u -> assertThat(u.problem()).contains("HTTP 500").contains("attempt 1 of 1"));
        assertThat(server.requests())
                .singleElement()
                .satisfies(
                        r -> assertThat(r.headers().getFirst("Idempotency-Key")).isEqualTo(HIRE_KEY));
    }

    @Test
    void verificationIsAskedOnceWhateverTheClientsRetries() {
        // The port runs in the request thread: a retry is the client's (503), not the request's.
        server.on("/verify", Reply.of(503, ""), Reply.of(200, VALID));

        assertThatThrownBy(() -> facilitator.verify(VERIFIED)).isInstanceOf(FacilitatorUnavailableException.class);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void settlementIsSentOnceWhateverTheClientsRetriesAndTheOutboxRetriesIt() {
        server.on("/settle", Reply.of(502, ""), Reply.of(200, SETTLED));

        assertThat(facilitator.settle(PAYMENT)).isInstanceOf(SettlementOutcome.Undecided.class);
        assertThat(server.requests()).hasSize(1);
        assertThat(facilitator.settle(PAYMENT)).isEqualTo(new SettlementOutcome.Settled(TX));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void successNamingNoTransactionIsUndecided() {
        server.on("/settle", Reply.of(200, "{\"success\":true,\"transaction\":\"\",\"network\":\"eip155:84532\"}"));

        assertThat(facilitator.settle(PAYMENT)).isInstanceOf(SettlementOutcome.Undecided.class);
    }

    @Test
    void successNamingAnOverlongTransactionIsUndecided() {
        server.on(
                "/settle",
                Reply.of(
                        200,
                        "{\"success\":true,\"transaction\":\"" + "a".repeat(Payment.MAX_REFERENCE_LENGTH + 1)
                                + "\",\"network\":\"eip155:84532\"}"));

        assertThat(facilitator.settle(PAYMENT))
                .isInstanceOfSatisfying(
                        SettlementOutcome.Undecided.class,
                        u -> assertThat(u.problem()).contains("usable transaction reference"));
    }
}
