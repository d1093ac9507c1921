package dev.agentmarketplace.app;

import dev.agentmarketplace.x402.client.PaymentChallenge;
import dev.agentmarketplace.x402.client.PaymentChoice;
import dev.agentmarketplace.x402.client.PaymentHeader;
import dev.agentmarketplace.x402.client.X402Payer;
import dev.agentmarketplace.x402.evm.Eip712Domain;
import dev.agentmarketplace.x402.evm.EvmAddress;
import dev.agentmarketplace.x402.evm.Nonce;
import dev.agentmarketplace.x402.evm.PrivateKeySigner;
import dev.agentmarketplace.x402.evm.Secp256k1;
import dev.agentmarketplace.x402.evm.TransferWithAuthorization;
import dev.agentmarketplace.x402.protocol.Authorization;
import dev.agentmarketplace.x402.protocol.ExactEvmPayload;
import dev.agentmarketplace.x402.protocol.PaymentPayload;
import dev.agentmarketplace.x402.protocol.PaymentRequired;
import dev.agentmarketplace.x402.protocol.PaymentRequirements;
import dev.agentmarketplace.x402.protocol.X402Headers;
import io.restassured.http.Header;
import io.restassured.response.Response;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pays the platform's 402s in API tests as a paying agent would (through the module's own {@link
 * X402Payer}), and forges the payments a cheat would try: signed by another key, to another payee,
 * for less, outside their time window.
 */
final class TestPayer {
    /** The known key of the x402 digest's second test vector. */
    static final String KEY = "0x9d2675820d55300a05c8991df217a619bcfdc86e2fd91e56443dbbcf159337fd";

    static final String ADDRESS = "0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73";
    private static final PrivateKeySigner SIGNER = PrivateKeySigner.fromHex(KEY);
    private static final BigInteger SIGNER_KEY = new BigInteger(KEY.substring(2), 16);
    private static final BigInteger STRANGER_KEY =
            new BigInteger("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", 16);
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPayer() {}

    static Map<String, List<String>> headersOf(Response response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.headers()) {
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        return headers;
    }

    /** The v2 requirements of a 402, from its PAYMENT-REQUIRED header. */
    static PaymentRequired required(Response answer402) {
        return X402Headers.decodePaymentRequired(answer402.header(X402Headers.PAYMENT_REQUIRED));
    }

    /** Pays the 402 as a v2 client: PAYMENT-SIGNATURE. */
    static PaymentHeader payV2(Response answer402) {
        return payV2(answer402, Clock.systemUTC(), PaymentChoice.ANY);
    }

    static PaymentHeader payV2(Response answer402, Clock clock, PaymentChoice choice) {
        PaymentChallenge challenge = X402Payer.challenge(headersOf(answer402), answer402.asString());
        return new X402Payer(SIGNER, clock, RANDOM).pay(challenge, choice);
    }

    /** Pays the 402 as a v1 client, which reads only the body: X-PAYMENT. */
    static PaymentHeader payV1(Response answer402) {
        PaymentChallenge challenge = X402Payer.challenge(Map.of(), answer402.asString());
        return new X402Payer(SIGNER, Clock.systemUTC(), RANDOM).pay(challenge, PaymentChoice.ANY);
    }

    /** A v2 payment of the offer in {@code answer402} whose authorization says {@code to} and {@code value}. */
    static String signedV2(Response answer402, String to, BigInteger value) {
        return craft(answer402, to, value, SIGNER_KEY);
    }

    /** A v2 payment claiming to come from the test key's wallet, signed by another key. */
    static String forgedV2(Response answer402) {
        PaymentRequirements offer = required(answer402).accepts().getFirst();
        return craft(answer402, offer.payTo(), offer.amount(), STRANGER_KEY);
    }

    /** Signs with {@code key} whatever it is told, as a cheat would; the payer module's signer refuses to. */
    private static String craft(Response answer402, String to, BigInteger value, BigInteger key) {
        EvmAddress from = SIGNER.address();
        PaymentRequired required = required(answer402);
        PaymentRequirements offer = required.accepts().getFirst();
        long now = Clock.systemUTC().instant().getEpochSecond();
        TransferWithAuthorization authorization = new TransferWithAuthorization(
                from,
                EvmAddress.of(to),
                value,
                BigInteger.valueOf(now - 600),
                BigInteger.valueOf(now + 300),
                Nonce.random(RANDOM));
        Eip712Domain domain = new Eip712Domain(
                offer.eip712Name().orElseThrow(),
                offer.eip712Version().orElseThrow(),
                new BigInteger(offer.network().substring("eip155:".length())),
                EvmAddress.of(offer.asset()));
        String signature = Secp256k1.sign(key, authorization.digest(domain)).toHex();
        PaymentPayload payment = new PaymentPayload(
                Optional.of(required.resource()),
                offer,
                new ExactEvmPayload(
                        signature,
                        new Authorization(
                                from.value(),
                                to,
                                value,
                                authorization.validAfter(),
                                authorization.validBefore(),
                                authorization.nonce().value())),
                Optional.empty());
        return X402Headers.encodePaymentSignature(payment);
    }
}
