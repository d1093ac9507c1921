package dev.agentmarketplace.x402.client;

import static dev.agentmarketplace.x402.testing.Fixtures.AMOUNT;
import static dev.agentmarketplace.x402.testing.Fixtures.CLOCK;
import static dev.agentmarketplace.x402.testing.Fixtures.NOW;
import static dev.agentmarketplace.x402.testing.Fixtures.PAYER;
import static dev.agentmarketplace.x402.testing.Fixtures.PAYER_KEY;
import static dev.agentmarketplace.x402.testing.Fixtures.PAY_TO;
import static dev.agentmarketplace.x402.testing.Fixtures.USDC_BASE;
import static dev.agentmarketplace.x402.testing.Fixtures.USDC_BASE_SEPOLIA;
import static dev.agentmarketplace.x402.testing.Fixtures.now;
import static dev.agentmarketplace.x402.testing.Fixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.payment.PresentedPayment;
import dev.agentmarketplace.core.payment.VerifiedPayment;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.evm.EvmAddress;
import dev.agentmarketplace.x402.evm.PrivateKeySigner;
import dev.agentmarketplace.x402.exact.ExactEvmVerifier;
import dev.agentmarketplace.x402.exact.Offered;
import dev.agentmarketplace.x402.extensions.PaymentIdentifier;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.protocol.Authorization;
import dev.agentmarketplace.x402.protocol.PaymentPayload;
import dev.agentmarketplace.x402.protocol.PaymentPayloadV1;
import dev.agentmarketplace.x402.protocol.PaymentRequired;
import dev.agentmarketplace.x402.protocol.PaymentRequiredV1;
import dev.agentmarketplace.x402.protocol.PaymentRequirements;
import dev.agentmarketplace.x402.protocol.PaymentRequirementsV1;
import dev.agentmarketplace.x402.protocol.ResourceInfo;
import dev.agentmarketplace.x402.protocol.SettlementResponse;
import dev.agentmarketplace.x402.protocol.X402CodecException;
import dev.agentmarketplace.x402.protocol.X402Headers;
import dev.agentmarketplace.x402.server.X402PaymentVerifier;
import dev.agentmarketplace.x402.testing.Fixtures;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class X402PayerTest {

    private static final String ID = "pay_7d5d747be160e280504c099d984bcfe0";

    /** A "random" source that hands out one fixed byte, so the nonce is known. */
    private static final class FixedRandom extends SecureRandom {
        private final byte value;

        FixedRandom(int value) {
            this.value = (byte) value;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            Arrays.fill(bytes, value);
        }
    }

    private final X402Payer payer = new X402Payer(PrivateKeySigner.fromHex(PAYER_KEY), CLOCK, new SecureRandom());
    private final X402PaymentVerifier server = new X402PaymentVerifier();

    private static PaymentRequired paymentRequired() {
        return X402PaymentVerifier.paymentRequired(offer(), Optional.empty());
    }

    private static PaymentRequiredV1 paymentRequiredV1() {
        return X402PaymentVerifier.paymentRequiredV1(offer(), "").orElseThrow();
    }

    private static PaymentRequired withAccepts(List<PaymentRequirements> accepts) {
        return new PaymentRequired(Optional.empty(), ResourceInfo.of("https://r.example"), accepts, Optional.empty());
    }

    // ---- round trips ----

    @Test
    void v2PaymentOfThePayerVerifiesOnTheServer() {
        PaymentHeader header = payer.pay(paymentRequired(), PaymentChoice.ANY);

        assertThat(header.name()).isEqualTo("PAYMENT-SIGNATURE");
        VerifiedPayment verified =
                server.verify(new PresentedPayment(PresentedPayment.Version.V2, header.value()), offer(), NOW);
        assertThat(verified.payer()).isEqualTo(WalletAddress.of(PAYER));
        assertThat(verified.amount()).isEqualTo(AMOUNT);
        assertThat(verified.x402Version()).isEqualTo(2);
    }

    @Test
    void v1PaymentOfThePayerVerifiesOnTheServer() {
        PaymentHeader header = payer.pay(paymentRequiredV1(), PaymentChoice.ANY);

        assertThat(header.name()).isEqualTo("X-PAYMENT");
        assertThat(header.payment()).isInstanceOf(PaymentPayloadV1.class);
        VerifiedPayment verified =
                server.verify(new PresentedPayment(PresentedPayment.Version.V1, header.value()), offer(), NOW);
        assertThat(verified.payer()).isEqualTo(WalletAddress.of(PAYER));
        assertThat(verified.x402Version()).isEqualTo(1);
    }

    @Test
    void headerValueEncodesThePaymentItReturns() {
        PaymentHeader header = payer.pay(paymentRequired(), PaymentChoice.ANY);

        assertThat(X402Headers.decodePaymentSignature(header.value())).isEqualTo(header.payment());
    }

    @Test
    void v2PaymentEchoesTheChosenEntryTheResourceAndTheServersExtensions() {
        PaymentHeader header = payer.pay(paymentRequired(), PaymentChoice.ANY);

        PaymentPayload payment = (PaymentPayload) header.payment();
        assertThat(payment.accepted()).isEqualTo(paymentRequired().accepts().getFirst());
        assertThat(payment.resource()).contains(paymentRequired().resource());
        assertThat(payment.extensions()).isEqualTo(paymentRequired().extensions());
    }

    @Test
    void authorizationIsSignedAsTheReferenceClientsDo() {
        X402Payer fixed = new X402Payer(PrivateKeySigner.fromHex(PAYER_KEY), CLOCK, new FixedRandom(0xab));

        Authorization a = fixed.pay(paymentRequired(), PaymentChoice.ANY)
                .payment()
                .payload()
                .authorization();

        assertThat(a.from()).isEqualTo(PAYER);
        assertThat(a.to()).isEqualTo(PAY_TO);
        assertThat(a.value()).isEqualTo(AMOUNT);
        assertThat(a.validAfter()).isEqualTo(BigInteger.valueOf(now() - 600));
        assertThat(a.validBefore()).isEqualTo(BigInteger.valueOf(now() + 300));
        assertThat(a.nonce()).isEqualTo("0x" + "ab".repeat(32));
    }

    @Test
    void eachPaymentDrawsAFreshNonce() {
        String first = payer.pay(paymentRequired(), PaymentChoice.ANY)
                .payment()
                .payload()
                .authorization()
                .nonce();
        String second = payer.pay(paymentRequired(), PaymentChoice.ANY)
                .payment()
                .payload()
                .authorization()
                .nonce();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void signatureIsInTheDomainOfTheEntrysExtraNotAHardCodedOne() {
        PaymentRequirements baseUsdc =
                PaymentRequirements.exactEvm("eip155:8453", AMOUNT, USDC_BASE, PAY_TO, 60, "USD Coin", "2");
        PaymentHeader header = payer.pay(withAccepts(List.of(baseUsdc)), PaymentChoice.ANY);

        assertThat(new ExactEvmVerifier()
                        .verify(header.payment(), Offered.v2(List.of(baseUsdc)), NOW)
                        .payer())
                .isEqualTo(EvmAddress.of(PAYER));
    }

    // ---- the payment identifier ----

    @Test
    void paymentIdentifierOfTheChoiceTravelsInTheExtensionAndReachesTheServer() {
        PaymentHeader header = payer.pay(paymentRequired(), PaymentChoice.ANY.withPaymentIdentifier(ID));
        PresentedPayment presented = new PresentedPayment(PresentedPayment.Version.V2, header.value());

        assertThat(server.paymentIdentifier(presented)).contains(ID);
        assertThat(server.verify(presented, offer(), NOW).paymentIdentifier()).contains(ID);
    }

    @Test
    void identifierRequiredByTheServerIsDrawnWhenTheChoiceHasNone() {
        PaymentRequired requiring = new PaymentRequired(
                Optional.empty(),
                ResourceInfo.of("https://r.example"),
                paymentRequired().accepts(),
                Optional.of(new JsonObject(Map.of(PaymentIdentifier.KEY, PaymentIdentifier.declaration(true)))));
        X402Payer fixed = new X402Payer(PrivateKeySigner.fromHex(PAYER_KEY), CLOCK, new FixedRandom(0x0f));

        PaymentPayload payment =
                (PaymentPayload) fixed.pay(requiring, PaymentChoice.ANY).payment();

        assertThat(PaymentIdentifier.read(payment.extensions())).contains("pay_" + "0f".repeat(16));
    }

    @Test
    void optionalIdentifierIsNotInventedWhenTheChoiceHasNone() {
        PaymentPayload payment =
                (PaymentPayload) payer.pay(paymentRequired(), PaymentChoice.ANY).payment();

        assertThat(PaymentIdentifier.read(payment.extensions())).isEmpty();
    }

    // ---- choosing among the entries ----

    @Test
    void entriesThePayerCannotPayAreSkipped() {
        PaymentRequirements otherScheme = new PaymentRequirements(
                "upto", "eip155:84532", AMOUNT, USDC_BASE_SEPOLIA, PAY_TO, 60, JsonObject.empty());
        PaymentRequirements solana = new PaymentRequirements(
                "exact",
                "solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp",
                AMOUNT,
                "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
                "2wmVCSfPxGPjrnMMn7rchp4uaeoTqN39mXFC2zhPdri9",
                60,
                JsonObject.empty());
        PaymentRequirements payable = Fixtures.requirements();

        PaymentPayload payment =
                (PaymentPayload) payer.pay(withAccepts(List.of(otherScheme, solana, payable)), PaymentChoice.ANY)
                        .payment();

        assertThat(payment.accepted()).isEqualTo(payable);
    }

    @Test
    void networkFilterTakesVersion1NamesAndCaip2Alike() {
        PaymentRequirements onBase =
                PaymentRequirements.exactEvm("eip155:8453", AMOUNT, USDC_BASE, PAY_TO, 60, "USD Coin", "2");
        PaymentRequired both = withAccepts(List.of(onBase, Fixtures.requirements()));

        assertThat(((PaymentPayload) payer.pay(both, PaymentChoice.ANY.onNetworks("base-sepolia"))
                                .payment())
                        .accepted()
                        .network())
                .isEqualTo("eip155:84532");
        assertThat(((PaymentPayload) payer.pay(both, PaymentChoice.ANY.onNetworks("eip155:84532"))
                                .payment())
                        .accepted()
                        .network())
                .isEqualTo("eip155:84532");
    }

    @Test
    void assetFilterComparesAddressesCaseInsensitively() {
        PaymentRequirements onBase =
                PaymentRequirements.exactEvm("eip155:8453", AMOUNT, USDC_BASE, PAY_TO, 60, "USD Coin", "2");
        PaymentRequired both = withAccepts(List.of(onBase, Fixtures.requirements()));

        PaymentPayload payment =
                (PaymentPayload) payer.pay(both, PaymentChoice.ANY.inAssets(USDC_BASE_SEPOLIA.toLowerCase()))
                        .payment();

        assertThat(payment.accepted().asset()).isEqualTo(USDC_BASE_SEPOLIA);
    }

    @Test
    void amountAboveTheCallersMaximumIsNotPaidAndEveryRefusalIsNamed() {
        PaymentRequirements otherScheme = new PaymentRequirements(
                "upto", "eip155:84532", AMOUNT, USDC_BASE_SEPOLIA, PAY_TO, 60, JsonObject.empty());
        PaymentRequired expensive = withAccepts(List.of(otherScheme, Fixtures.requirements()));

        assertThatThrownBy(() -> payer.pay(expensive, PaymentChoice.ANY.atMost(AMOUNT.subtract(BigInteger.ONE))))
                .isInstanceOf(PaymentChoiceException.class)
                .hasMessageContaining("accepts[0]: scheme upto is not exact")
                .hasMessageContaining("accepts[1]: amount 10000 is more than 9999");
    }

    @Test
    void amountEqualToTheMaximumIsPaid() {
        assertThat(payer.pay(paymentRequired(), PaymentChoice.ANY.atMost(AMOUNT))
                        .name())
                .isEqualTo("PAYMENT-SIGNATURE");
    }

    @Test
    void entryWithoutTheTokensEip712DomainIsNotPaid() {
        PaymentRequired noDomain = new PaymentRequired(
                Optional.empty(),
                ResourceInfo.of("https://r.example"),
                List.of(new PaymentRequirements(
                        "upto", "eip155:84532", AMOUNT, USDC_BASE_SEPOLIA, PAY_TO, 60, JsonObject.empty())),
                Optional.empty());
        PaymentRequiredV1 v1NoDomain = new PaymentRequiredV1(
                "",
                List.of(new PaymentRequirementsV1(
                        "exact",
                        "base-sepolia",
                        AMOUNT,
                        "r",
                        "d",
                        "application/json",
                        PAY_TO,
                        60,
                        USDC_BASE_SEPOLIA,
                        Optional.empty(),
                        Optional.empty())));

        assertThatThrownBy(() -> payer.pay(noDomain, PaymentChoice.ANY)).isInstanceOf(PaymentChoiceException.class);
        assertThatThrownBy(() -> payer.pay(v1NoDomain, PaymentChoice.ANY))
                .isInstanceOf(PaymentChoiceException.class)
                .hasMessageContaining("domain.name");
    }

    @Test
    void choiceRefusesAnUnknownNetworkAndAMalformedIdentifier() {
        assertThatThrownBy(() -> PaymentChoice.ANY.onNetworks("moonbase"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("moonbase");
        assertThatThrownBy(() -> PaymentChoice.ANY.withPaymentIdentifier("short"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- reading the 402 and the settlement ----

    @Test
    void paymentRequiredHeaderMakesTheChallengeVersion2WhateverTheBody() {
        String header = X402PaymentVerifier.paymentRequiredHeader(offer(), Optional.empty());
        String v1Body = X402PaymentVerifier.paymentRequiredV1Json(offer(), "").orElseThrow();

        PaymentChallenge challenge = X402Payer.challenge(Map.of("payment-required", List.of(header)), v1Body);

        assertThat(challenge).isEqualTo(new PaymentChallenge.V2(paymentRequired()));
    }

    @Test
    void bodyWithoutTheHeaderIsReadAsVersion1() {
        String v1Body =
                X402PaymentVerifier.paymentRequiredV1Json(offer(), "pay").orElseThrow();

        assertThat(X402Payer.challenge(Map.of(), v1Body))
                .isEqualTo(new PaymentChallenge.V1(
                        X402PaymentVerifier.paymentRequiredV1(offer(), "pay").orElseThrow()));
    }

    @Test
    void serversOwnMembersBesideTheRequirementsInABodyAreIgnored() {
        String v1Body =
                X402PaymentVerifier.paymentRequiredV1Json(offer(), "pay").orElseThrow();
        String problem = "{\"type\":\"/problems/payment-required\",\"status\":402,\"code\":\"PAYMENT_REQUIRED\","
                + v1Body.substring(1);

        assertThat(X402Payer.challenge(Map.of(), problem))
                .isEqualTo(new PaymentChallenge.V1(
                        X402PaymentVerifier.paymentRequiredV1(offer(), "pay").orElseThrow()));
    }

    @Test
    void version2BodyWithoutTheHeaderIsReadAsVersion2() {
        String v2Body = X402PaymentVerifier.paymentRequiredJson(offer(), Optional.empty());

        assertThat(X402Payer.challenge(Map.of(), v2Body)).isEqualTo(new PaymentChallenge.V2(paymentRequired()));
    }

    @Test
    void challengeOfEitherVersionIsPaidInThatVersion() {
        String v1Body = X402PaymentVerifier.paymentRequiredV1Json(offer(), "").orElseThrow();

        assertThat(payer.pay(X402Payer.challenge(Map.of(), v1Body), PaymentChoice.ANY)
                        .name())
                .isEqualTo("X-PAYMENT");
    }

    @Test
    void answerWithoutPaymentRequirementsIsACodecError() {
        assertThatThrownBy(() -> X402Payer.challenge(Map.of(), "<html>402</html>"))
                .isInstanceOfSatisfying(
                        X402CodecException.class,
                        e -> assertThat(e.reason()).isEqualTo(X402CodecException.Reason.INVALID_PAYMENT_REQUIREMENTS));
        assertThatThrownBy(() -> X402Payer.challenge(Map.of(), "{\"x402Version\":3}"))
                .isInstanceOfSatisfying(
                        X402CodecException.class,
                        e -> assertThat(e.reason()).isEqualTo(X402CodecException.Reason.INVALID_X402_VERSION));
    }

    @Test
    void settlementIsReadFromEitherResponseHeader() {
        SettlementResponse settled = new SettlementResponse(
                true,
                Optional.empty(),
                Optional.of(PAYER),
                "0x" + "ab".repeat(32),
                "eip155:84532",
                Optional.of(AMOUNT),
                Optional.empty());
        String value = X402Headers.encodePaymentResponse(settled);

        assertThat(X402Payer.settlement(Map.of("Payment-Response", List.of(value))))
                .contains(settled);
        assertThat(X402Payer.settlement(Map.of("X-PAYMENT-RESPONSE", List.of(value))))
                .contains(settled);
        assertThat(X402Payer.settlement(Map.of("Content-Type", List.of("application/json"))))
                .isEmpty();
    }

    @Test
    void payerNamesItsAddress() {
        assertThat(payer.address()).isEqualTo(EvmAddress.of(PAYER));
    }
}
