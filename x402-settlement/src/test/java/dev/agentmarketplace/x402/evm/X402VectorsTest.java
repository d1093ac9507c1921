package dev.agentmarketplace.x402.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The test vectors of the x402 digest (/work/shared/X402.md §Test vectors), every one of them. */
class X402VectorsTest {
    static final Eip712Domain BASE_SEPOLIA_USDC = new Eip712Domain(
            "USDC", "2", BigInteger.valueOf(84532), EvmAddress.of("0x036CbD53842c5426634e7929541eC2318f3dCF7e"));
    static final Eip712Domain BASE_USDC = new Eip712Domain(
            "USD Coin", "2", BigInteger.valueOf(8453), EvmAddress.of("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"));

    static final TransferWithAuthorization SPEC_EXAMPLE = new TransferWithAuthorization(
            EvmAddress.of("0x857b06519E91e3A54538791bDbb0E22373e36b66"),
            EvmAddress.of("0x209693Bc6afc0C5328bA36FaF03C514EF312287C"),
            BigInteger.valueOf(10000),
            BigInteger.valueOf(1740672089),
            BigInteger.valueOf(1740672154),
            Nonce.of("0xf3746613c2d920b5fdabc0856f2aeb2d4f88ee6037b8cc5d04a71a4462f13480"));
    static final String SPEC_SIGNATURE =
            "0x2d6a7588d6acca505cbf0d9a4a227e0c52c6c34008c8e8986a1283259764173608a2ce6496642e377d6da8dbbf5836e9bd15092f9ecab05ded3d6293af148b571c";

    static final String KNOWN_KEY = "0x9d2675820d55300a05c8991df217a619bcfdc86e2fd91e56443dbbcf159337fd";
    static final TransferWithAuthorization KNOWN_KEY_AUTHORIZATION = new TransferWithAuthorization(
            EvmAddress.of("0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73"),
            EvmAddress.of("0x7553F6FA4Fb62986b64f79aEFa1fB93ea64A22b1"),
            BigInteger.valueOf(10000),
            BigInteger.valueOf(1748534647),
            BigInteger.valueOf(1748534767),
            Nonce.of("0x9b750f5097972d82c02ac371278b83ecf3ca3be8387db59e664eb38c98f97a3d"));
    static final String KNOWN_KEY_SIGNATURE =
            "0xde533856d81c76984a8dbc8d563bbb6d6d4ca36ce6c4d6e8cf315de3bfc14ab26d6bcdc37549aeed78bf92e39d5180268f8f399a4ffb816cfbf500823882b6001c";

    private final AuthorizationVerifier verifier = new AuthorizationVerifier();

    static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    @Test
    void domainTypeHashMatchesEip712() {
        assertThat(hex(Eip712Domain.typeHash()))
                .isEqualTo("0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f");
    }

    @Test
    void transferWithAuthorizationTypeHashMatchesEip3009() {
        assertThat(hex(TransferWithAuthorization.typeHash()))
                .isEqualTo("0x7c7c6cdb67a18743f49ec6fa9b35f50d52ed05cbed4cc592e13b44501c1a2267");
    }

    @Test
    void baseSepoliaUsdcDomainSeparatorMatches() {
        assertThat(hex(BASE_SEPOLIA_USDC.separator()))
                .isEqualTo("0x71f17a3b2ff373b803d70a5a07c046c1a2bc8e89c09ef722fcb047abe94c9818");
    }

    @Test
    void baseUsdcDomainSeparatorMatches() {
        assertThat(hex(BASE_USDC.separator()))
                .isEqualTo("0x02fa7265e7c5d81118673727957699e4d68f74cd74b7db77da710fe8a2c7834f");
    }

    @Test
    void specificationExampleHashesToItsStructHashAndDigest() {
        assertThat(hex(SPEC_EXAMPLE.structHash()))
                .isEqualTo("0x49ad644555c7bdf3ea4fc022a4940ae5589b230b1dde0065c5504fa19bbe39a4");
        assertThat(hex(SPEC_EXAMPLE.digest(BASE_SEPOLIA_USDC)))
                .isEqualTo("0xf256992871671abcb27ff92885a7afa46218724e5fc0bac35d050115aa1d22e6");
    }

    @Test
    void specificationSignatureRecoversToFrom() {
        assertThat(verifier.verifySignature(BASE_SEPOLIA_USDC, SPEC_EXAMPLE, Signature.fromHex(SPEC_SIGNATURE)))
                .isEqualTo(SPEC_EXAMPLE.from());
    }

    @Test
    void specificationSignatureUnderTheMainnetTokenNameRecoversToAnotherAddressAndFails() {
        Eip712Domain wrongName =
                new Eip712Domain("USD Coin", "2", BASE_SEPOLIA_USDC.chainId(), BASE_SEPOLIA_USDC.verifyingContract());
        Signature signature = Signature.fromHex(SPEC_SIGNATURE);

        assertThat(Secp256k1.recover(SPEC_EXAMPLE.digest(wrongName), signature)).isNotEqualTo(SPEC_EXAMPLE.from());
        assertThatThrownBy(() -> verifier.verifySignature(wrongName, SPEC_EXAMPLE, signature))
                .isInstanceOfSatisfying(
                        EvmPayloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(EvmPayloadException.Reason.INVALID_SIGNATURE))
                .hasMessageStartingWith("invalid_exact_evm_payload_signature: signed by 0x")
                .hasMessageContaining("not by authorization.from 0x857b06519E91e3A54538791bDbb0E22373e36b66");
    }

    @Test
    void knownKeyDerivesItsAddress() {
        assertThat(PrivateKeySigner.fromHex(KNOWN_KEY).address())
                .isEqualTo(EvmAddress.of("0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73"));
    }

    @Test
    void knownKeyAuthorizationHashesToItsDigest() {
        assertThat(hex(KNOWN_KEY_AUTHORIZATION.digest(BASE_SEPOLIA_USDC)))
                .isEqualTo("0x04c1f7b2f7671dfb74b073954c7a2b39a139273aa869010df30447cd04e1538a");
    }

    @Test
    void deterministicSigningWithTheKnownKeyReproducesTheSignatureExactly() {
        Signature signature = PrivateKeySigner.fromHex(KNOWN_KEY).sign(BASE_SEPOLIA_USDC, KNOWN_KEY_AUTHORIZATION);

        assertThat(signature.toHex()).isEqualTo(KNOWN_KEY_SIGNATURE);
        assertThat(verifier.verifySignature(BASE_SEPOLIA_USDC, KNOWN_KEY_AUTHORIZATION, signature))
                .isEqualTo(KNOWN_KEY_AUTHORIZATION.from());
    }
}
