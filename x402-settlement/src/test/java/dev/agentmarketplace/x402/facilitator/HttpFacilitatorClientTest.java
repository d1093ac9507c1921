package dev.agentmarketplace.x402.facilitator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.x402.facilitator.FakeFacilitator.Reply;
import dev.agentmarketplace.x402.facilitator.FakeFacilitator.Request;
import dev.agentmarketplace.x402.protocol.SettlementResponse;
import dev.agentmarketplace.x402.protocol.SupportedKind;
import dev.agentmarketplace.x402.protocol.SupportedResponse;
import dev.agentmarketplace.x402.protocol.VerifyResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpFacilitatorClientTest {

    static final String BODY = "{\"x402Version\":2,\"paymentPayload\":{\"x402Version\":2},\"paymentRequirements\":{}}";
    static final String PAYER = "0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73";
    static final String TX = "0x" + "ab".repeat(32);
    static final String VALID = "{\"isValid\":true,\"payer\":\"" + PAYER + "\"}";
    static final String SETTLED = "{\"success\":true,\"payer\":\"" + PAYER + "\",\"transaction\":\"" + TX
            + "\",\"network\":\"eip155:84532\"}";
    static final String KEY = "hire-0123456789abcdef";

    private FakeFacilitator facilitator;

    @BeforeEach
    void start() throws IOException {
        facilitator = new FakeFacilitator();
    }

    @AfterEach
    void stop() {
        facilitator.close();
    }

    /** Quick retries: 3 attempts, 1 ms apart; timeouts long enough never to fire unless meant to. */
    private FacilitatorConfig config() {
        return FacilitatorConfig.of(facilitator.base())
                .withRetries(3, Duration.ofMillis(1), Duration.ofMillis(5))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    private HttpFacilitatorClient client() {
        return new HttpFacilitatorClient(config());
    }

    private static <T> T decided(FacilitatorAnswer<T> answer, int status) {
        assertThat(answer).isInstanceOf(FacilitatorAnswer.Decided.class);
        FacilitatorAnswer.Decided<T> decided = (FacilitatorAnswer.Decided<T>) answer;
        assertThat(decided.status()).isEqualTo(status);
        return decided.body();
    }

    private static String undecided(FacilitatorAnswer<?> answer) {
        assertThat(answer).isInstanceOf(FacilitatorAnswer.Undecided.class);
        return ((FacilitatorAnswer.Undecided<?>) answer).problem();
    }

    // ---- /verify ----

    @Test
    void validPaymentIsADecision() {
        facilitator.on("/verify", Reply.of(200, VALID));

        VerifyResponse answer = decided(client().verify(BODY), 200);

        assertThat(answer).isEqualTo(new VerifyResponse(true, Optional.empty(), Optional.of(PAYER)));
    }

    @Test
    void verifyPostsTheBodyAsJson() {
        facilitator.on("/verify", Reply.of(200, VALID));

        client().verify(BODY);

        Request request = facilitator.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/verify");
        assertThat(request.body()).isEqualTo(BODY);
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(request.headers().getFirst("Accept")).isEqualTo("application/json");
        assertThat(request.headers().containsKey("Idempotency-Key")).isFalse();
    }

    @Test
    void refusalInATwoHundredIsADecisionWithTheReasonAsSent() {
        facilitator.on(
                "/verify",
                Reply.of(
                        200,
                        "{\"isValid\":false,\"invalidReason\":\"invalid_exact_evm_signature\",\"invalidMessage\":\"x\"}"));

        VerifyResponse answer = decided(client().verify(BODY), 200);

        assertThat(answer.isValid()).isFalse();
        assertThat(answer.invalidReason()).contains("invalid_exact_evm_signature");
    }

    @Test
    void refusalInAFourHundredX402BodyIsADecisionAndIsNotRetried() {
        facilitator.on("/verify", Reply.of(400, "{\"isValid\":false,\"invalidReason\":\"insufficient_funds\"}"));

        VerifyResponse answer = decided(client().verify(BODY), 400);

        assertThat(answer.invalidReason()).contains("insufficient_funds");
        assertThat(facilitator.requests()).hasSize(1);
    }

    @Test
    void fourHundredWithoutAnX402BodyIsUndecidedAndNotRetried() {
        facilitator.on("/verify", Reply.of(401, "{\"error\":\"unauthorized\"}"));

        String problem = undecided(client().verify(BODY));

        assertThat(problem).contains("HTTP 401").contains("unauthorized");
        assertThat(facilitator.requests()).hasSize(1);
    }

    @Test
    void fourHundredClaimingValidityIsUndecided() {
        facilitator.on("/verify", Reply.of(400, VALID));

        assertThat(undecided(client().verify(BODY))).contains("HTTP 400");
    }

    @Test
    void serverErrorThenSuccessIsRetriedToADecisionWithTheSameBody() {
        facilitator.on("/verify", Reply.of(500, "{\"error\":\"boom\"}"), Reply.of(200, VALID));

        VerifyResponse answer = decided(client().verify(BODY), 200);

        assertThat(answer.isValid()).isTrue();
        assertThat(facilitator.requests())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.body()).isEqualTo(BODY));
    }

    @Test
    void tooManyRequestsIsRetried() {
        facilitator.on("/verify", Reply.of(429, "").withHeader("Retry-After", "0"), Reply.of(200, VALID));

        assertThat(decided(client().verify(BODY), 200).isValid()).isTrue();
        assertThat(facilitator.requests()).hasSize(2);
    }

    @Test
    void persistentServerErrorIsUndecidedAfterTheLastAttempt() {
        facilitator.on("/verify", Reply.of(503, "{\"error\":\"down\"}"));

        String problem = undecided(client().verify(BODY));

        assertThat(problem).contains("HTTP 503").contains("attempt 3 of 3");
        assertThat(facilitator.requests()).hasSize(3);
    }

    @Test
    void unreadableTwoHundredIsUndecidedAndNotRetried() {
        facilitator.on("/verify", Reply.of(200, "<html>ok</html>"));

        assertThat(undecided(client().verify(BODY))).contains("HTTP 200").contains("does not read");
        assertThat(facilitator.requests()).hasSize(1);
    }

    @Test
    void answerLongerThanTheLimitIsUndecided() {
        String huge = "{\"isValid\":true,\"payer\":\"" + "a".repeat(HttpFacilitatorClient.MAX_BODY_BYTES) + "\"}";
        facilitator.on("/verify", Reply.of(200, huge));

        assertThat(undecided(client().verify(BODY))).contains("longer than " + HttpFacilitatorClient.MAX_BODY_BYTES);
    }

    @Test
    void answerSlowerThanTheRequestTimeoutIsUndecided() {
        facilitator.on("/verify", Reply.of(200, VALID).after(Duration.ofSeconds(30)));
        HttpFacilitatorClient impatient =
                new HttpFacilitatorClient(config().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(200))
                        .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(1)));

        String problem = undecided(impatient.verify(BODY));

        assertThat(problem).contains("no answer within PT0.2S").contains("attempt 2 of 2");
    }

    @Test
    void refusedConnectionIsUndecided() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpFacilitatorClient nowhere =
                new HttpFacilitatorClient(FacilitatorConfig.of(URI.create("http://127.0.0.1:" + closedPort))
                        .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(1)));

        String problem = undecided(nowhere.verify(BODY));

        assertThat(problem).startsWith("verify: ").contains("cannot connect").contains("attempt 2 of 2");
    }

    // ---- /settle ----

    @Test
    void settlementIsADecisionWithTheTransaction() {
        facilitator.on("/settle", Reply.of(200, SETTLED));

        SettlementResponse answer = decided(client().settle(BODY, Optional.of(KEY)), 200);

        assertThat(answer.success()).isTrue();
        assertThat(answer.transaction()).isEqualTo(TX);
    }

    @Test
    void everySettleAttemptCarriesTheIdempotencyKeyAndTheIdenticalBody() {
        facilitator.on("/settle", Reply.of(503, ""), Reply.of(502, ""), Reply.of(200, SETTLED));

        decided(client().settle(BODY, Optional.of(KEY)), 200);

        assertThat(facilitator.requests()).hasSize(3).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/settle");
            assertThat(r.body()).isEqualTo(BODY);
            assertThat(r.headers().get("Idempotency-Key")).containsExactly(KEY);
        });
    }

    @Test
    void settleWithoutAKeyIsTriedOnce() {
        facilitator.on("/settle", Reply.of(500, ""), Reply.of(200, SETTLED));

        String problem = undecided(client().settle(BODY, Optional.empty()));

        assertThat(problem).contains("HTTP 500").contains("attempt 1 of 1");
        assertThat(facilitator.requests()).hasSize(1);
        assertThat(facilitator.requests().getFirst().headers().containsKey("Idempotency-Key"))
                .isFalse();
    }

    @Test
    void settleRefusalInATwoHundredOrAFourHundredIsADecision() {
        String refused = "{\"success\":false,\"errorReason\":\"insufficient_funds\",\"transaction\":\"\","
                + "\"network\":\"eip155:84532\",\"errorMessage\":\"balance 0\"}";
        facilitator.on("/settle", Reply.of(200, refused), Reply.of(400, refused));

        SettlementResponse first = decided(client().settle(BODY, Optional.of(KEY)), 200);
        SettlementResponse second = decided(client().settle(BODY, Optional.of(KEY)), 400);

        assertThat(first.errorReason()).contains("insufficient_funds");
        assertThat(second.success()).isFalse();
    }

    @Test
    void settleTimeoutIsUndecidedAfterRetriesUnderTheSameKey() {
        facilitator.on("/settle", Reply.of(200, SETTLED).after(Duration.ofSeconds(30)));
        HttpFacilitatorClient impatient =
                new HttpFacilitatorClient(config().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(200))
                        .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(1)));

        String problem = undecided(impatient.settle(BODY, Optional.of(KEY)));

        assertThat(problem).startsWith("settle: ").contains("no answer within").contains("attempt 2 of 2");
    }

    // ---- /supported ----

    @Test
    void supportedKindsExtensionsAndSignersAreRead() {
        facilitator.on("/supported", Reply.of(200, """
                        {"kinds": [
                           {"x402Version": 2, "scheme": "exact", "network": "eip155:84532"},
                           {"x402Version": 2, "scheme": "exact", "network": "eip155:8453", "extra": {"feePayer": "x"}},
                           {"x402Version": 1, "scheme": "exact", "network": "base-sepolia"}],
                         "extensions": ["payment-identifier", "bazaar"],
                         "signers": {"eip155:*": ["0x1234567890abcdef1234567890abcdef12345678"]},
                         "somethingNew": true}
                        """));

        SupportedResponse supported = decided(client().supported(), 200);

        assertThat(facilitator.requests().getFirst().method()).isEqualTo("GET");
        assertThat(supported.kinds())
                .hasSize(3)
                .contains(new SupportedKind(2, "exact", "eip155:84532", Optional.empty()));
        assertThat(supported.extensions()).containsExactly("payment-identifier", "bazaar");
        assertThat(supported.signers())
                .isEqualTo(Map.of("eip155:*", List.of("0x1234567890abcdef1234567890abcdef12345678")));
        assertThat(supported.supports(2, "exact", "eip155:84532")).isTrue();
        assertThat(supported.supports(1, "exact", "base-sepolia")).isTrue();
        assertThat(supported.supports(2, "exact", "eip155:1")).isFalse();
    }

    @Test
    void version1FacilitatorListsOnlyKinds() {
        facilitator.on(
                "/supported",
                Reply.of(200, "{\"kinds\":[{\"x402Version\":1,\"scheme\":\"exact\",\"network\":\"base\"}]}"));

        SupportedResponse supported = decided(client().supported(), 200);

        assertThat(supported.extensions()).isEmpty();
        assertThat(supported.signers()).isEmpty();
        assertThat(supported.supports(1, "exact", "base")).isTrue();
    }

    @Test
    void supportedIsRetriedAfterAServerError() {
        facilitator.on("/supported", Reply.of(500, ""), Reply.of(200, "{\"kinds\":[]}"));

        assertThat(decided(client().supported(), 200).kinds()).isEmpty();
        assertThat(facilitator.requests()).hasSize(2);
    }

    // ---- configuration ----

    @Test
    void credentialHeaderIsComputedForEachRequest() {
        facilitator.on("/verify", Reply.of(503, ""), Reply.of(200, VALID));
        HttpFacilitatorClient withKey = new HttpFacilitatorClient(config().withAuthorization(new AuthorizationHeader(
                "Authorization", (method, uri) -> "Bearer " + method + " " + uri.getPath())));

        decided(withKey.verify(BODY), 200);

        assertThat(facilitator.requests())
                .hasSize(2)
                .allSatisfy(
                        r -> assertThat(r.headers().getFirst("Authorization")).isEqualTo("Bearer POST /verify"));
    }

    @Test
    void bearerTokenIsSentAndNotShown() {
        facilitator.on("/verify", Reply.of(200, VALID));
        AuthorizationHeader bearer = AuthorizationHeader.bearer("s3cr3t-token");

        decided(new HttpFacilitatorClient(config().withAuthorization(bearer)).verify(BODY), 200);

        assertThat(facilitator.requests().getFirst().headers().getFirst("Authorization"))
                .isEqualTo("Bearer s3cr3t-token");
        assertThat(bearer.toString()).doesNotContain("s3cr3t");
        assertThat(config().withAuthorization(bearer).toString()).doesNotContain("s3cr3t");
    }

    @Test
    void endpointsAreResolvedUnderABaseUrlWithAPath() {
        facilitator.on("/facilitator/verify", Reply.of(200, VALID));
        HttpFacilitatorClient prefixed =
                new HttpFacilitatorClient(FacilitatorConfig.of(URI.create(facilitator.base() + "/facilitator/")));

        decided(prefixed.verify(BODY), 200);

        assertThat(facilitator.requests().getFirst().path()).isEqualTo("/facilitator/verify");
    }

    @Test
    void backoffDoublesUpToItsCeiling() {
        FacilitatorConfig config =
                FacilitatorConfig.of(facilitator.base()).withRetries(5, Duration.ofMillis(500), Duration.ofSeconds(3));

        assertThat(config.backoffAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(config.backoffAfter(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.backoffAfter(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.backoffAfter(4)).isEqualTo(Duration.ofSeconds(3));
    }
}
