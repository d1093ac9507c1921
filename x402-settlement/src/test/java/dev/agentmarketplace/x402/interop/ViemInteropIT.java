package dev.agentmarketplace.x402.interop;

import static dev.agentmarketplace.x402.interop.Fixtures.PAYER;
import static dev.agentmarketplace.x402.interop.Fixtures.PAYER_KEY;
import static dev.agentmarketplace.x402.interop.Fixtures.PAY_TO;
import static dev.agentmarketplace.x402.interop.Fixtures.USDC_ON_BASE;
import static dev.agentmarketplace.x402.interop.Fixtures.USDC_ON_BASE_SEPOLIA;
import static dev.agentmarketplace.x402.interop.Fixtures.domainJson;
import static dev.agentmarketplace.x402.interop.Fixtures.hex;
import static dev.agentmarketplace.x402.interop.Fixtures.messageJson;
import static dev.agentmarketplace.x402.interop.Json.bool;
import static dev.agentmarketplace.x402.interop.Json.object;
import static dev.agentmarketplace.x402.interop.Json.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.hash.Keccak256;
import dev.agentmarketplace.x402.evm.AuthorizationVerifier;
import dev.agentmarketplace.x402.evm.Eip712Domain;
import dev.agentmarketplace.x402.evm.EvmAddress;
import dev.agentmarketplace.x402.evm.EvmPayloadException;
import dev.agentmarketplace.x402.evm.Nonce;
import dev.agentmarketplace.x402.evm.PrivateKeySigner;
import dev.agentmarketplace.x402.evm.Signature;
import dev.agentmarketplace.x402.evm.TransferWithAuthorization;
import dev.agentmarketplace.x402.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Our EIP-712 / EIP-3009 signing against viem's signTypedData and verifyTypedData, both ways. */
@EnabledIfNodeAvailable
class ViemInteropIT {

    // Vector 2 of the x402 digest (X402.md): the known key's authorization, digest and signature.
    private static final TransferWithAuthorization VECTOR_2 = new TransferWithAuthorization(
            EvmAddress.of(PAYER),
            EvmAddress.of(PAY_TO),
            BigInteger.valueOf(10000),
            BigInteger.valueOf(1748534647),
            BigInteger.valueOf(1748534767),
            Nonce.of("0x9b750f5097972d82c02ac371278b83ecf3ca3be8387db59e664eb38c98f97a3d"));
    private static final String VECTOR_2_DIGEST = "0x04c1f7b2f7671dfb74b073954c7a2b39a139273aa869010df30447cd04e1538a";
    private static final String VECTOR_2_SIGNATURE =
            "0xde533856d81c76984a8dbc8d563bbb6d6d4ca36ce6c4d6e8cf315de3bfc14ab26d6bcdc37549aeed78bf92e39d5180268f8f399a4ffb816cfbf500823882b6001c";

    // A second key, derived rather than invented: keccak256 of a label is a valid secp256k1 scalar.
    private static final String OTHER_KEY =
            hex(Keccak256.hash("agent-marketplace x402 interop payer".getBytes(StandardCharsets.UTF_8)));

    // uint256 values no double holds, and a nonce with the top bit set.
    private static final BigInteger BEYOND_DOUBLE = BigInteger.TWO.pow(200).add(BigInteger.valueOf(7));
    private static final Nonce HIGH_NONCE = Nonce.of("0xff" + "0123456789abcdef".repeat(3) + "0123456789abcd");

    private final AuthorizationVerifier verifier = new AuthorizationVerifier();

    @Test
    void viemReproducesTheKnownKeyVectorByteForByte() {
        JsonObject signed = sign(PAYER_KEY, USDC_ON_BASE_SEPOLIA, VECTOR_2);

        assertThat(string(signed, "address")).isEqualTo(PAYER);
        assertThat(string(signed, "digest"))
                .isEqualTo(VECTOR_2_DIGEST)
                .isEqualTo(hex(VECTOR_2.digest(USDC_ON_BASE_SEPOLIA)));
        assertThat(string(signed, "signature"))
                .isEqualTo(VECTOR_2_SIGNATURE)
                .isEqualTo(PrivateKeySigner.fromHex(PAYER_KEY)
                        .sign(USDC_ON_BASE_SEPOLIA, VECTOR_2)
                        .toHex());
    }

    @Test
    void ourSignatureVerifiesWithViemAndRecoversOurAddress() {
        PrivateKeySigner signer = PrivateKeySigner.fromHex(OTHER_KEY);
        TransferWithAuthorization authorization = new TransferWithAuthorization(
                signer.address(), EvmAddress.of(PAY_TO), BEYOND_DOUBLE, BigInteger.ZERO, BEYOND_DOUBLE, HIGH_NONCE);
        Signature signature = signer.sign(USDC_ON_BASE, authorization);

        JsonObject verdict = verify(USDC_ON_BASE, authorization, signer.address(), signature);

        assertThat(bool(verdict, "valid")).isTrue();
        assertThat(string(verdict, "recoveredAddress"))
                .isEqualTo(signer.address().value());
        assertThat(string(verdict, "digest")).isEqualTo(hex(authorization.digest(USDC_ON_BASE)));
    }

    @Test
    void viemSignatureVerifiesWithOursAndIsTheSignatureWeMake() {
        EvmAddress address = PrivateKeySigner.fromHex(OTHER_KEY).address();
        TransferWithAuthorization authorization = new TransferWithAuthorization(
                address, EvmAddress.of(PAY_TO), BigInteger.valueOf(10000), BigInteger.ZERO, BEYOND_DOUBLE, HIGH_NONCE);

        JsonObject signed = sign(OTHER_KEY, USDC_ON_BASE_SEPOLIA, authorization);
        Signature signature = Signature.fromHex(string(signed, "signature"));

        assertThat(verifier.verifySignature(USDC_ON_BASE_SEPOLIA, authorization, signature))
                .isEqualTo(address);
        assertThat(string(signed, "address")).isEqualTo(address.value());
        // Both sides sign deterministically (RFC 6979) and low-s: the very same 65 bytes.
        assertThat(signature).isEqualTo(PrivateKeySigner.fromHex(OTHER_KEY).sign(USDC_ON_BASE_SEPOLIA, authorization));
    }

    @Test
    void viemRefusesOurSignatureOverAnAlteredValueOrAnotherTokenName() {
        PrivateKeySigner signer = PrivateKeySigner.fromHex(PAYER_KEY);
        Signature signature = signer.sign(USDC_ON_BASE_SEPOLIA, VECTOR_2);
        TransferWithAuthorization moreValue = new TransferWithAuthorization(
                VECTOR_2.from(),
                VECTOR_2.to(),
                VECTOR_2.value().add(BigInteger.ONE),
                VECTOR_2.validAfter(),
                VECTOR_2.validBefore(),
                VECTOR_2.nonce());
        Eip712Domain mainnetName = new Eip712Domain(
                "USD Coin",
                USDC_ON_BASE_SEPOLIA.version(),
                USDC_ON_BASE_SEPOLIA.chainId(),
                USDC_ON_BASE_SEPOLIA.verifyingContract());

        JsonObject alteredValue = verify(USDC_ON_BASE_SEPOLIA, moreValue, signer.address(), signature);
        JsonObject otherName = verify(mainnetName, VECTOR_2, signer.address(), signature);

        assertThat(bool(alteredValue, "valid")).isFalse();
        assertThat(string(alteredValue, "recoveredAddress")).isNotEqualTo(PAYER);
        assertThat(bool(otherName, "valid")).isFalse();
        assertThat(string(otherName, "recoveredAddress")).isNotEqualTo(PAYER);
    }

    @Test
    void ourVerifierRefusesViemSignatureOverAnotherPayee() {
        JsonObject signed = sign(PAYER_KEY, USDC_ON_BASE_SEPOLIA, VECTOR_2);
        TransferWithAuthorization otherPayee = new TransferWithAuthorization(
                VECTOR_2.from(),
                EvmAddress.of("0x209693Bc6afc0C5328bA36FaF03C514EF312287C"),
                VECTOR_2.value(),
                VECTOR_2.validAfter(),
                VECTOR_2.validBefore(),
                VECTOR_2.nonce());

        assertThatThrownBy(() -> verifier.verifySignature(
                        USDC_ON_BASE_SEPOLIA, otherPayee, Signature.fromHex(string(signed, "signature"))))
                .isInstanceOfSatisfying(
                        EvmPayloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(EvmPayloadException.Reason.INVALID_SIGNATURE));
    }

    private static JsonObject sign(String key, Eip712Domain domain, TransferWithAuthorization authorization) {
        return NodeScripts.run(
                "viem-sign-3009.mjs",
                object("privateKey", key, "domain", domainJson(domain), "message", messageJson(authorization)));
    }

    private static JsonObject verify(
            Eip712Domain domain, TransferWithAuthorization authorization, EvmAddress address, Signature signature) {
        return NodeScripts.run(
                "viem-verify.mjs",
                object(
                        "domain", domainJson(domain),
                        "types", Fixtures.transferWithAuthorizationTypes(),
                        "primaryType", "TransferWithAuthorization",
                        "message", messageJson(authorization),
                        "address", address.value(),
                        "signature", signature.toHex()));
    }
}
