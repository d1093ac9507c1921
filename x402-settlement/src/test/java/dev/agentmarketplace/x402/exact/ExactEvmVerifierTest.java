package dev.agentmarketplace.x402.exact;

import static dev.agentmarketplace.x402.testing.Fixtures.AMOUNT;
import static dev.agentmarketplace.x402.testing.Fixtures.NOW;
import static dev.agentmarketplace.x402.testing.Fixtures.OTHER_PAYEE;
import static dev.agentmarketplace.x402.testing.Fixtures.PAYER;
import static dev.agentmarketplace.x402.testing.Fixtures.PAY_TO;
import static dev.agentmarketplace.x402.testing.Fixtures.STRANGER_KEY;
import static dev.agentmarketplace.x402.testing.Fixtures.USDC_BASE;
import static dev.agentmarketplace.x402.testing.Fixtures.USDC_BASE_SEPOLIA;
import static dev.agentmarketplace.x402.testing.Fixtures.draft;
import static dev.agentmarketplace.x402.testing.Fixtures.now;
import static dev.agentmarketplace.x402.testing.Fixtures.requirements;
import static dev.agentmarketplace.x402.testing.Fixtures.requirementsV1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.x402.evm.Eip712Domain;
import dev.agentmarketplace.x402.evm.EvmAddress;
import dev.agentmarketplace.x402.exact.ExactPaymentException.Reason;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.protocol.Authorization;
import dev.agentmarketplace.x402.protocol.ExactEvmPayload;
import dev.agentmarketplace.x402.protocol.PaymentPayload;
import dev.agentmarketplace.x402.protocol.PaymentPayloadV1;
import dev.agentmarketplace.x402.protocol.PaymentRequirements;
import dev.agentmarketplace.x402.protocol.PaymentRequirementsV1;
import dev.agentmarketplace.x402.protocol.ResourceInfo;
import dev.agentmarketplace.x402.protocol.SignedPayment;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class ExactEvmVerifierTest {

    private static final Offered BOTH = new Offered(List.of(requirements()), List.of(requirementsV1()));

    private final ExactEvmVerifier verifier = new ExactEvmVerifier();

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            SignedPayment payment, Offered offered, Instant now, Reason reason, String code) {
        return assertThatThrownBy(() -> verifier.verify(payment, offered, now))
                .isInstanceOfSatisfying(ExactPaymentException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.reason().code()).isEqualTo(code);
                    assertThat(e.getMessage()).startsWith(code + ": ");
                });
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            SignedPayment payment, Reason reason, String code) {
        return assertRefused(payment, BOTH, NOW, reason, code);
    }

    private static PaymentRequirements withExtra(PaymentRequirements r, JsonObject extra) {
        return new PaymentRequirements(
                r.scheme(), r.network(), r.amount(), r.asset(), r.payTo(), r.maxTimeoutSeconds(), extra);
    }

    // ---- what passes ----

    @Test
    void signedV2PaymentOfTheOfferedTermsVerifiesAndNamesPayerAndMatchedEntry() {
        VerifiedExactPayment verified = verifier.verify(draft().v2(requirements()), BOTH, NOW);

        assertThat(verified)
                .isInstanceOfSatisfying(
                        VerifiedExactPayment.V2.class,
                        v2 -> assertThat(v2.requirements()).isEqualTo(requirements()));
        assertThat(verified.x402Version()).isEqualTo(2);
        assertThat(verified.payer()).isEqualTo(EvmAddress.of(PAYER));
        assertThat(verified.payTo()).isEqualTo(EvmAddress.of(PAY_TO));
        assertThat(verified.amount()).isEqualTo(AMOUNT);
        assertThat(verified.asset()).isEqualTo(EvmAddress.of(USDC_BASE_SEPOLIA));
        assertThat(verified.network()).isEqualTo("eip155:84532");
        assertThat(verified.authorization().validBefore()).isEqualTo(BigInteger.valueOf(now() + 60));
    }

    @Test
    void signedV1PaymentOfTheOfferedTermsVerifiesAgainstTheEntryOfItsNetwork() {
        VerifiedExactPayment verified = verifier.verify(draft().v1("base-sepolia"), BOTH, NOW);

        assertThat(verified)
                .isInstanceOfSatisfying(
                        VerifiedExactPayment.V1.class,
                        v1 -> assertThat(v1.requirements()).isEqualTo(requirementsV1()));
        assertThat(verified.x402Version()).isEqualTo(1);
        assertThat(verified.payer()).isEqualTo(EvmAddress.of(PAYER));
        assertThat(verified.network()).isEqualTo("eip155:84532");
        assertThat(verified.requirementsJson().get("maxAmountRequired")).contains(new JsonString("10000"));
    }

    @Test
    void specificationExamplePaymentVerifiesWithinItsWindow() {
        // Vector 1 of the x402 digest: the example PaymentPayload of scheme_exact_evm.md.
        String payee = "0x209693Bc6afc0C5328bA36FaF03C514EF312287C";
        PaymentRequirements offered =
                PaymentRequirements.exactEvm("eip155:84532", AMOUNT, USDC_BASE_SEPOLIA, payee, 60, "USDC", "2");
        PaymentPayload example = new PaymentPayload(
                Optional.of(ResourceInfo.of("https://api.example.com/premium-data")),
                offered,
                new ExactEvmPayload(
                        "0x2d6a7588d6acca505cbf0d9a4a227e0c52c6c34008c8e8986a1283259764173608a2ce6496642e377d6da8dbbf5836e9bd15092f9ecab05ded3d6293af148b571c",
                        new Authorization(
                                "0x857b06519E91e3A54538791bDbb0E22373e36b66",
                                payee,
                                AMOUNT,
                                BigInteger.valueOf(1740672089),
                                BigInteger.valueOf(1740672154),
                                "0xf3746613c2d920b5fdabc0856f2aeb2d4f88ee6037b8cc5d04a71a4462f13480")),
                Optional.empty());

        VerifiedExactPayment verified =
                verifier.verify(example, Offered.v2(List.of(offered)), Instant.ofEpochSecond(1740672100));

        assertThat(verified.payer()).isEqualTo(EvmAddress.of("0x857b06519E91e3A54538791bDbb0E22373e36b66"));
    }

    @Test
    void knownKeyVectorSignatureVerifiesByteForByte() {
        // Vector 2 of the x402 digest, signature as given there.
        PaymentPayloadV1 vector = new PaymentPayloadV1(
                "exact",
                "base-sepolia",
                new ExactEvmPayload(
                        "0xde533856d81c76984a8dbc8d563bbb6d6d4ca36ce6c4d6e8cf315de3bfc14ab26d6bcdc37549aeed78bf92e39d5180268f8f399a4ffb816cfbf500823882b6001c",
                        new Authorization(
                                PAYER,
                                PAY_TO,
                                AMOUNT,
                                BigInteger.valueOf(1748534647),
                                BigInteger.valueOf(1748534767),
                                "0x9b750f5097972d82c02ac371278b83ecf3ca3be8387db59e664eb38c98f97a3d")));

        VerifiedExactPayment verified =
                verifier.verify(vector, Offered.v1(List.of(requirementsV1())), Instant.ofEpochSecond(1748534700));

        assertThat(verified.payer()).isEqualTo(EvmAddress.of(PAYER));
    }

    @Test
    void echoedAcceptedMatchesWhateverTheOrderOfItsExtraMembers() {
        Map<String, JsonValue> reversed = new LinkedHashMap<>();
        reversed.put("version", new JsonString("2"));
        reversed.put("name", new JsonString("USDC"));
        PaymentRequirements echo = withExtra(requirements(), new JsonObject(reversed));

        assertThat(verifier.verify(draft().v2(echo), BOTH, NOW).payer()).isEqualTo(EvmAddress.of(PAYER));
    }

    @Test
    void payeeIsComparedCaseInsensitively() {
        PaymentRequirements lowerCasePayee = PaymentRequirements.exactEvm(
                "eip155:84532", AMOUNT, USDC_BASE_SEPOLIA, PAY_TO.toLowerCase(), 60, "USDC", "2");

        VerifiedExactPayment verified =
                verifier.verify(draft().v2(lowerCasePayee), Offered.v2(List.of(lowerCasePayee)), NOW);

        assertThat(verified.payTo()).isEqualTo(EvmAddress.of(PAY_TO));
    }

    @Test
    void validAfterEqualToNowIsValid() {
        assertThat(verifier.verify(draft().withValidAfter(now()).v2(requirements()), BOTH, NOW)
                        .authorization()
                        .validAfter())
                .isEqualTo(BigInteger.valueOf(now()));
    }

    @Test
    void validBeforeSixSecondsAheadIsStillValid() {
        assertThat(verifier.verify(draft().withValidBefore(now() + 6).v2(requirements()), BOTH, NOW)
                        .authorization()
                        .validBefore())
                .isEqualTo(BigInteger.valueOf(now() + 6));
    }

    @Test
    void subSecondsOfNowDoNotCount() {
        // Token time is whole seconds: 12:00:00.999 is still second 12:00:00.
        Instant late = NOW.plusMillis(999);

        assertThat(verifier.verify(draft().withValidBefore(now() + 6).v2(requirements()), BOTH, late)
                        .payer())
                .isEqualTo(EvmAddress.of(PAYER));
    }

    @Test
    void firstV1EntryOfTheSchemeAndNetworkIsTheOnePaid() {
        PaymentRequirementsV1 onBase = new PaymentRequirementsV1(
                "exact",
                "base",
                AMOUNT,
                "r",
                "d",
                "application/json",
                PAY_TO,
                60,
                USDC_BASE,
                Optional.empty(),
                Optional.of(dev.agentmarketplace.x402.testing.Fixtures.extra("USD Coin", "2")));
        Offered offered = Offered.v1(List.of(onBase, requirementsV1()));

        VerifiedExactPayment verified = verifier.verify(draft().v1("base-sepolia"), offered, NOW);

        assertThat(verified.asset()).isEqualTo(EvmAddress.of(USDC_BASE_SEPOLIA));
    }

    // ---- version and scheme ----

    @Test
    void v1PaymentToAServerThatOffersOnlyV2IsInvalidX402Version() {
        assertRefused(
                        draft().v1("base-sepolia"),
                        Offered.v2(List.of(requirements())),
                        NOW,
                        Reason.INVALID_X402_VERSION,
                        "invalid_x402_version")
                .hasMessageContaining("pay with version 2");
    }

    @Test
    void v2PaymentToAServerThatOffersOnlyV1IsInvalidX402Version() {
        assertRefused(
                        draft().v2(requirements()),
                        Offered.v1(List.of(requirementsV1())),
                        NOW,
                        Reason.INVALID_X402_VERSION,
                        "invalid_x402_version")
                .hasMessageContaining("pay with version 1");
    }

    @Test
    void exactPaymentWhereOnlyAnotherSchemeIsOfferedIsInvalidScheme() {
        PaymentRequirements upto = new PaymentRequirements(
                "upto", "eip155:84532", AMOUNT, USDC_BASE_SEPOLIA, PAY_TO, 60, JsonObject.empty());

        assertRefused(
                draft().v2(requirements()), Offered.v2(List.of(upto)), NOW, Reason.INVALID_SCHEME, "invalid_scheme");
    }

    // ---- network, asset and the echo ----

    @Test
    void v2PaymentOnAnotherNetworkIsInvalidNetwork() {
        PaymentRequirements onBase =
                PaymentRequirements.exactEvm("eip155:8453", AMOUNT, USDC_BASE_SEPOLIA, PAY_TO, 60, "USDC", "2");

        assertRefused(draft().v2(onBase), Reason.INVALID_NETWORK, "invalid_network")
                .hasMessageContaining("eip155:8453");
    }

    @Test
    void v1PaymentOnAnotherNetworkIsInvalidNetwork() {
        assertRefused(draft().v1("base"), Reason.INVALID_NETWORK, "invalid_network")
                .hasMessageContaining("network base is not offered");
    }

    @Test
    void v1PaymentOnANetworkWithoutAChainIdIsInvalidNetwork() {
        PaymentRequirementsV1 unknown = new PaymentRequirementsV1(
                "exact",
                "moonbase",
                AMOUNT,
                "r",
                "d",
                "application/json",
                PAY_TO,
                60,
                USDC_BASE_SEPOLIA,
                Optional.empty(),
                Optional.of(dev.agentmarketplace.x402.testing.Fixtures.extra("USDC", "2")));

        assertRefused(
                draft().v1("moonbase"), Offered.v1(List.of(unknown)), NOW, Reason.INVALID_NETWORK, "invalid_network");
    }

    @Test
    void v2PaymentInAnotherAssetIsInvalidPaymentRequirements() {
        PaymentRequirements otherToken =
                PaymentRequirements.exactEvm("eip155:84532", AMOUNT, USDC_BASE, PAY_TO, 60, "USDC", "2");

        assertRefused(draft().v2(otherToken), Reason.INVALID_PAYMENT_REQUIREMENTS, "invalid_payment_requirements")
                .hasMessageContaining("accepted.asset is " + USDC_BASE);
    }

    @Test
    void echoWithALowerAmountIsInvalidPaymentRequirementsEvenWhenTheValueMatchesIt() {
        PaymentRequirements cheaper = PaymentRequirements.exactEvm(
                "eip155:84532", BigInteger.ONE, USDC_BASE_SEPOLIA, PAY_TO, 60, "USDC", "2");

        assertRefused(
                        draft().withValue(BigInteger.ONE).v2(cheaper),
                        Reason.INVALID_PAYMENT_REQUIREMENTS,
                        "invalid_payment_requirements")
                .hasMessageContaining("accepted.amount is 1 where the offer has 10000");
    }

    @Test
    void echoWithAnAddedExtraMemberIsInvalidPaymentRequirements() {
        Map<String, JsonValue> more = new LinkedHashMap<>(requirements().extra().members());
        more.put("assetTransferMethod", new JsonString("eip3009"));

        assertRefused(
                        draft().v2(withExtra(requirements(), new JsonObject(more))),
                        Reason.INVALID_PAYMENT_REQUIREMENTS,
                        "invalid_payment_requirements")
                .hasMessageContaining("accepted.extra");
    }

    @Test
    void echoWithAnotherTimeoutIsInvalidPaymentRequirements() {
        PaymentRequirements longer =
                PaymentRequirements.exactEvm("eip155:84532", AMOUNT, USDC_BASE_SEPOLIA, PAY_TO, 3600, "USDC", "2");

        assertRefused(draft().v2(longer), Reason.INVALID_PAYMENT_REQUIREMENTS, "invalid_payment_requirements")
                .hasMessageContaining("accepted.maxTimeoutSeconds is 3600 where the offer has 60");
    }

    // ---- the authorization ----

    @Test
    void authorizationToAnotherPayeeIsRecipientMismatch() {
        assertRefused(
                        draft().withTo(OTHER_PAYEE).v2(requirements()),
                        Reason.RECIPIENT_MISMATCH,
                        "invalid_exact_evm_payload_recipient_mismatch")
                .hasMessageContaining(OTHER_PAYEE);
    }

    @Test
    void v1AuthorizationToAnotherPayeeIsRecipientMismatch() {
        assertRefused(
                draft().withTo(OTHER_PAYEE).v1("base-sepolia"),
                Reason.RECIPIENT_MISMATCH,
                "invalid_exact_evm_payload_recipient_mismatch");
    }

    @Test
    void shortAmountIsValueMismatch() {
        assertRefused(
                        draft().withValue(AMOUNT.subtract(BigInteger.ONE)).v2(requirements()),
                        Reason.VALUE_MISMATCH,
                        "invalid_exact_evm_payload_authorization_value_mismatch")
                .hasMessageContaining("9999 is not the required amount 10000");
    }

    @Test
    void overpaymentIsValueMismatchTooBecauseExactMeansEqual() {
        assertRefused(
                draft().withValue(AMOUNT.add(BigInteger.ONE)).v1("base-sepolia"),
                Reason.VALUE_MISMATCH,
                "invalid_exact_evm_payload_authorization_value_mismatch");
    }

    @Test
    void authorizationNotValidYetIsValidAfter() {
        assertRefused(
                        draft().withValidAfter(now() + 1).v2(requirements()),
                        Reason.VALID_AFTER,
                        "invalid_exact_evm_payload_authorization_valid_after")
                .hasMessageContaining("not valid yet");
    }

    @Test
    void expiredAuthorizationIsValidBefore() {
        assertRefused(
                draft().withValidBefore(now() - 1).v1("base-sepolia"),
                Reason.VALID_BEFORE,
                "invalid_exact_evm_payload_authorization_valid_before");
    }

    @Test
    void authorizationExpiringWithinTheSixSecondMarginIsValidBefore() {
        assertThat(ExactEvmVerifier.VALID_BEFORE_MARGIN.toSeconds()).isEqualTo(6);

        assertRefused(
                        draft().withValidBefore(now() + 5).v2(requirements()),
                        Reason.VALID_BEFORE,
                        "invalid_exact_evm_payload_authorization_valid_before")
                .hasMessageContaining("now + 6 s");
    }

    @Test
    void signatureByAnotherKeyIsInvalidSignature() {
        assertRefused(
                        draft().signedBy(STRANGER_KEY).v2(requirements()),
                        Reason.INVALID_SIGNATURE,
                        "invalid_exact_evm_payload_signature")
                .hasMessageContaining("not by authorization.from");
    }

    @Test
    void v1SignatureInTheTokensDisplayNameDomainIsInvalidSignature() {
        // Signed for "USD Coin" while the offered token's EIP-712 name is "USDC": the v1 payment names no
        // domain, and only the signature can tell.
        Eip712Domain displayName =
                new Eip712Domain("USD Coin", "2", BigInteger.valueOf(84532), EvmAddress.of(USDC_BASE_SEPOLIA));

        assertRefused(
                draft().inDomain(displayName).v1("base-sepolia"),
                Reason.INVALID_SIGNATURE,
                "invalid_exact_evm_payload_signature");
    }

    @Test
    void v1SignatureForAnotherTokenIsInvalidSignature() {
        Eip712Domain otherToken = new Eip712Domain("USDC", "2", BigInteger.valueOf(84532), EvmAddress.of(USDC_BASE));

        assertRefused(
                draft().inDomain(otherToken).v1("base-sepolia"),
                Reason.INVALID_SIGNATURE,
                "invalid_exact_evm_payload_signature");
    }

    @Test
    void alteredFieldAfterSigningIsInvalidSignature() {
        ExactEvmPayload signed = draft().sign();
        Authorization a = signed.authorization();
        ExactEvmPayload altered = new ExactEvmPayload(
                signed.signature(),
                new Authorization(
                        a.from(),
                        a.to(),
                        a.value(),
                        a.validAfter(),
                        a.validBefore().add(BigInteger.ONE),
                        a.nonce()));

        assertRefused(
                new PaymentPayloadV1("exact", "base-sepolia", altered),
                Reason.INVALID_SIGNATURE,
                "invalid_exact_evm_payload_signature");
    }

    @Test
    void addressFailingItsChecksumIsInvalidPayload() {
        String badChecksum = "0x2980BC24bBFB34DE1BBC91479Cb712ffbCE02F73";

        assertRefused(draft().withFrom(badChecksum).v2(requirements()), Reason.INVALID_PAYLOAD, "invalid_payload")
                .hasMessageContaining("authorization.from");
    }

    @Test
    void firstFailingCheckDecidesTheReason() {
        // Wrong payee, short amount, expired and signed by a stranger: the payee is checked first.
        SignedPayment everythingWrong = draft().withTo(OTHER_PAYEE)
                .withValue(BigInteger.ONE)
                .withValidBefore(now() - 100)
                .signedBy(STRANGER_KEY)
                .v2(requirements());

        assertRefused(everythingWrong, Reason.RECIPIENT_MISMATCH, "invalid_exact_evm_payload_recipient_mismatch");
    }

    @Test
    void timeIsCheckedBeforeTheSignature() {
        SignedPayment expiredForgery =
                draft().withValidBefore(now()).signedBy(STRANGER_KEY).v1("base-sepolia");

        assertRefused(expiredForgery, Reason.VALID_BEFORE, "invalid_exact_evm_payload_authorization_valid_before");
    }

    @Test
    void offeredRequirementWithoutAnEip712DomainIsInvalidPaymentRequirements() {
        PaymentRequirementsV1 noDomain = new PaymentRequirementsV1(
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
                Optional.empty());

        assertRefused(
                        draft().v1("base-sepolia"),
                        Offered.v1(List.of(noDomain)),
                        NOW,
                        Reason.INVALID_PAYMENT_REQUIREMENTS,
                        "invalid_payment_requirements")
                .hasMessageContaining("domain.name");
    }
}
