package dev.agentmarketplace.x402.interop;

import static dev.agentmarketplace.x402.interop.Fixtures.PAYER;
import static dev.agentmarketplace.x402.interop.Fixtures.PAYER_KEY;
import static dev.agentmarketplace.x402.interop.Fixtures.PAY_TO;
import static dev.agentmarketplace.x402.interop.Json.at;
import static dev.agentmarketplace.x402.interop.Json.object;
import static dev.agentmarketplace.x402.interop.Json.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.x402.evm.EvmAddress;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.protocol.Authorization;
import dev.agentmarketplace.x402.protocol.PaymentPayload;
import dev.agentmarketplace.x402.protocol.PaymentPayloadV1;
import dev.agentmarketplace.x402.protocol.PaymentRequired;
import dev.agentmarketplace.x402.protocol.PaymentRequiredV1;
import dev.agentmarketplace.x402.protocol.PaymentRequirements;
import dev.agentmarketplace.x402.protocol.PaymentRequirementsV1;
import dev.agentmarketplace.x402.protocol.ResourceInfo;
import dev.agentmarketplace.x402.protocol.X402Headers;
import dev.agentmarketplace.x402.protocol.X402Json;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The reference x402 clients pay what our codec offers: @x402/core + @x402/evm for v2, the legacy
 * "x402" package for v1. Their payment headers must decode with our strict codec and their
 * signatures must recover, through our verifier, to the paying key's address.
 */
@EnabledIfNodeAvailable
class ReferenceClientInteropIT {

    private static final ResourceInfo RESOURCE = new ResourceInfo(
            "https://marketplace.example/api/v1/transactions",
            Optional.of("Hire a translation agent"),
            Optional.of("application/json"));
    private static final BigInteger AMOUNT = BigInteger.valueOf(10_000);

    @Test
    void referenceV2PaymentEchoesOurOfferAndRecoversToThePayer() {
        PaymentRequirements offer = Fixtures.offer(AMOUNT);
        String required = X402Headers.encodePaymentRequired(
                new PaymentRequired(Optional.empty(), RESOURCE, List.of(offer), Optional.empty()));

        long before = Instant.now().getEpochSecond();
        JsonObject paid = NodeScripts.run("pay-v2.mjs", object("paymentRequired", required, "privateKey", PAYER_KEY));
        long after = Instant.now().getEpochSecond();

        assertThat(string(paid, "headerName")).isEqualTo(X402Headers.PAYMENT_SIGNATURE);
        PaymentPayload payment = X402Headers.decodePaymentSignature(string(paid, "header"));
        assertThat(payment.accepted()).isEqualTo(offer);
        assertThat(payment.resource()).contains(RESOURCE);
        assertThat(payment.extensions()).isEmpty();
        Authorization authorization = payment.payload().authorization();
        assertThat(authorization.from()).isEqualTo(PAYER);
        assertThat(authorization.to()).isEqualTo(PAY_TO);
        assertThat(authorization.value()).isEqualTo(AMOUNT);
        // The v2 client signs from 0 up to now + maxTimeoutSeconds.
        assertThat(authorization.validAfter()).isEqualTo(BigInteger.ZERO);
        assertThat(authorization.validBefore().longValueExact()).isBetween(before + 60, after + 60);
        assertThat(Fixtures.verify(Fixtures.domainOf(payment.accepted()), payment.payload()))
                .isEqualTo(EvmAddress.of(PAYER));
    }

    @Test
    void referenceV2ClientSendsThePaymentIdentifierOurOfferDeclares() {
        // The payment-identifier extension as a server declares it (@x402/extensions, 16-128 of [A-Za-z0-9_-]).
        JsonObject declared = object(
                "payment-identifier",
                object(
                        "info", object("required", true),
                        "schema",
                                object(
                                        "type", "object",
                                        "properties",
                                                object(
                                                        "required", object("type", "boolean"),
                                                        "id",
                                                                object(
                                                                        "type",
                                                                        "string",
                                                                        "minLength",
                                                                        16,
                                                                        "maxLength",
                                                                        128)),
                                        "required", List.of("required"))));
        String required = X402Headers.encodePaymentRequired(new PaymentRequired(
                Optional.empty(), RESOURCE, List.of(Fixtures.offer(AMOUNT)), Optional.of(declared)));

        JsonObject paid = NodeScripts.run(
                "pay-v2.mjs",
                object("paymentRequired", required, "privateKey", PAYER_KEY, "paymentId", "hire_0123456789abcdef"));

        assertThat(string(paid, "paymentId")).isEqualTo("hire_0123456789abcdef");
        PaymentPayload payment = X402Headers.decodePaymentSignature(string(paid, "header"));
        JsonObject extensions = payment.extensions().orElseThrow();
        assertThat(string(extensions, "payment-identifier.info.id")).isEqualTo("hire_0123456789abcdef");
        assertThat(at(extensions, "payment-identifier.schema")).isEqualTo(at(declared, "payment-identifier.schema"));
        assertThat(Fixtures.verify(Fixtures.domainOf(payment.accepted()), payment.payload()))
                .isEqualTo(EvmAddress.of(PAYER));
    }

    @Test
    void referenceV2ClientCarriesAnAmountNoDoubleHolds() {
        // 2^200 + 1 units: exact only as a decimal string; the SDK's $1 default cap is lifted for it.
        BigInteger amount = BigInteger.TWO.pow(200).add(BigInteger.ONE);
        PaymentRequirements offer = Fixtures.offer(amount);
        String required = X402Headers.encodePaymentRequired(
                new PaymentRequired(Optional.empty(), RESOURCE, List.of(offer), Optional.empty()));

        JsonObject paid = NodeScripts.run(
                "pay-v2.mjs", object("paymentRequired", required, "privateKey", PAYER_KEY, "spendControls", false));

        PaymentPayload payment = X402Headers.decodePaymentSignature(string(paid, "header"));
        assertThat(payment.accepted()).isEqualTo(offer);
        assertThat(payment.payload().authorization().value()).isEqualTo(amount);
        assertThat(Fixtures.verify(Fixtures.domainOf(offer), payment.payload())).isEqualTo(EvmAddress.of(PAYER));
    }

    @Test
    void referenceV1PaymentDecodesWithOurCodecAndRecoversToThePayer() {
        PaymentRequirementsV1 offer = Fixtures.offerV1(AMOUNT, RESOURCE.url());
        JsonValue body = X402Json.write(new PaymentRequiredV1("X-PAYMENT header is required", List.of(offer)));

        long before = Instant.now().getEpochSecond();
        JsonObject paid = NodeScripts.run("pay-v1.mjs", object("paymentRequired", body, "privateKey", PAYER_KEY));
        long after = Instant.now().getEpochSecond();

        assertThat(string(paid, "headerName")).isEqualTo(X402Headers.X_PAYMENT);
        assertThat(X402Json.readPaymentRequirementsV1(at(paid, "selected"))).isEqualTo(offer);
        PaymentPayloadV1 payment = X402Headers.decodeXPayment(string(paid, "header"));
        assertThat(payment.scheme()).isEqualTo("exact");
        assertThat(payment.network()).isEqualTo("base-sepolia");
        Authorization authorization = payment.payload().authorization();
        assertThat(authorization.from()).isEqualTo(PAYER);
        assertThat(authorization.to()).isEqualTo(PAY_TO);
        assertThat(authorization.value()).isEqualTo(AMOUNT);
        // The legacy client signs from now - 600 s up to now + maxTimeoutSeconds.
        assertThat(authorization.validAfter().longValueExact()).isBetween(before - 600, after - 600);
        assertThat(authorization.validBefore().longValueExact()).isBetween(before + 60, after + 60);
        assertThat(Fixtures.verify(Fixtures.domainOf(offer), payment.payload())).isEqualTo(EvmAddress.of(PAYER));
    }
}
