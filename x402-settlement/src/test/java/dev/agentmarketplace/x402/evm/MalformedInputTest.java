package dev.agentmarketplace.x402.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.x402.evm.EvmPayloadException.Reason;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MalformedInputTest {
    private static final String SIGNATURE = X402VectorsTest.KNOWN_KEY_SIGNATURE;
    private static final String R_AND_S = SIGNATURE.substring(0, 2 + 128);
    private static final BigInteger N = Secp256k1.ORDER;
    private static final TransferWithAuthorization A = X402VectorsTest.SPEC_EXAMPLE;

    private static ThrowableAssertAlternative<EvmPayloadException> refused(Reason reason, ThrowingCallable call) {
        return assertThatExceptionOfType(EvmPayloadException.class)
                .isThrownBy(call)
                .satisfies(e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void addressIsHeldInItsEip55Spelling() {
        assertThat(EvmAddress.of("0x857b06519e91e3a54538791bdbb0e22373e36b66").value())
                .isEqualTo("0x857b06519E91e3A54538791bDbb0E22373e36b66");
        assertThat(EvmAddress.of("0x857B06519E91E3A54538791BDBB0E22373E36B66"))
                .isEqualTo(EvmAddress.of("0x857b06519E91e3A54538791bDbb0E22373e36b66"));
    }

    @Test
    void mixedCaseAddressWithAWrongChecksumIsRefused() {
        refused(Reason.INVALID_PAYLOAD, () -> EvmAddress.of("0x857b06519E91e3A54538791bDbb0E22373e36B66"))
                .withMessage("invalid_payload: address: '0x857b06519E91e3A54538791bDbb0E22373e36B66' fails its"
                        + " EIP-55 checksum (expected 0x857b06519E91e3A54538791bDbb0E22373e36b66)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "857b06519E91e3A54538791bDbb0E22373e36b66",
                "0x857b06519E91e3A54538791bDbb0E22373e36b6",
                "0x857b06519E91e3A54538791bDbb0E22373e36b666",
                "0x857b06519E91e3A54538791bDbb0E22373e36g66",
                "0X857b06519E91e3A54538791bDbb0E22373e36b66"
            })
    void addressOfTheWrongShapeIsRefused(String value) {
        refused(Reason.INVALID_PAYLOAD, () -> EvmAddress.of(value))
                .withMessageStartingWith("invalid_payload: address: '" + value + "' is not 0x and 40 hex digits");
    }

    @Test
    void addressOfTheWrongByteLengthIsRefused() {
        refused(Reason.INVALID_PAYLOAD, () -> EvmAddress.of(new byte[19]))
                .withMessage("invalid_payload: address: 19 bytes where an address has 20");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1234", "f3746613c2d920b5fdabc0856f2aeb2d4f88ee6037b8cc5d04a71a4462f1348000"})
    void nonceOfTheWrongShapeIsRefused(String value) {
        refused(Reason.INVALID_PAYLOAD, () -> Nonce.of(value))
                .withMessageStartingWith("invalid_payload: nonce: '" + value + "' is not 0x and 64 hex digits");
    }

    @Test
    void uint256FieldsOutsideTheirRangeAreRefused() {
        refused(
                        Reason.INVALID_PAYLOAD,
                        () -> new TransferWithAuthorization(
                                A.from(), A.to(), BigInteger.ONE.negate(), A.validAfter(), A.validBefore(), A.nonce()))
                .withMessage("invalid_payload: authorization.value: -1 is outside the uint256 range [0, 2^256)");
        refused(
                        Reason.INVALID_PAYLOAD,
                        () -> new TransferWithAuthorization(
                                A.from(), A.to(), A.value(), A.validAfter(), BigInteger.ONE.shiftLeft(256), A.nonce()))
                .withMessageStartingWith(
                        "invalid_payload: authorization.validBefore: 1157920892373161954235709850086879"
                                + "07853269984665640564039457584007913129639936 is outside");
        refused(
                        Reason.INVALID_PAYLOAD,
                        () -> new TransferWithAuthorization(
                                A.from(), A.to(), A.value(), null, A.validBefore(), A.nonce()))
                .withMessage("invalid_payload: authorization.validAfter: missing (expected a uint256)");
    }

    @Test
    void missingFieldsAreRefusedByName() {
        refused(
                        Reason.INVALID_PAYLOAD,
                        () -> new TransferWithAuthorization(
                                A.from(), null, A.value(), A.validAfter(), A.validBefore(), A.nonce()))
                .withMessage("invalid_payload: authorization.to: missing");
        refused(Reason.INVALID_PAYLOAD, () -> new Eip712Domain("USDC", "2", BigInteger.ONE, null))
                .withMessage("invalid_payload: domain.verifyingContract: missing");
    }

    @Test
    void randomNoncesAreThirtyTwoBytesAndDiffer() {
        SecureRandom random = new SecureRandom();
        Nonce first = Nonce.random(random);

        assertThat(first.bytes()).hasSize(32);
        assertThat(first.value()).matches("0x[0-9a-f]{64}");
        assertThat(Nonce.random(random)).isNotEqualTo(first);
    }

    @Test
    void uint256WithItsTopBitSetIsEncodedAsExactlyOneWord() {
        // BigInteger.toByteArray gives 33 bytes here (a zero sign byte), which must not shift the word.
        byte[] word = new byte[32];
        Eip712.putWord(BigInteger.ONE.shiftLeft(255), word, 0);
        byte[] max = new byte[32];
        Eip712.putWord(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE), max, 0);

        assertThat(X402VectorsTest.hex(word)).isEqualTo("0x80" + "00".repeat(31));
        assertThat(X402VectorsTest.hex(max)).isEqualTo("0x" + "ff".repeat(32));
    }

    @Test
    void domainWithoutNameOrVersionIsRefused() {
        EvmAddress token = X402VectorsTest.BASE_SEPOLIA_USDC.verifyingContract();
        refused(Reason.INVALID_PAYLOAD, () -> new Eip712Domain("", "2", BigInteger.ONE, token))
                .withMessage("invalid_payload: domain.name: missing (the token's EIP-712 name)");
        refused(Reason.INVALID_PAYLOAD, () -> new Eip712Domain("USDC", null, BigInteger.ONE, token))
                .withMessage("invalid_payload: domain.version: missing (the token's EIP-712 version)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "0x",
                "de533856d81c76984a8dbc8d563bbb6d6d4ca36ce6c4d6e8cf315de3bfc14ab26d6bcdc37549aeed78bf92e39d5180268f8f399a4ffb816cfbf500823882b6001c",
                "0xde533856d81c76984a8dbc8d563bbb6d6d4ca36ce6c4d6e8cf315de3bfc14ab26d6bcdc37549aeed78bf92e39d5180268f8f399a4ffb816cfbf500823882b6001",
                "0xde533856d81c76984a8dbc8d563bbb6d6d4ca36ce6c4d6e8cf315de3bfc14ab26d6bcdc37549aeed78bf92e39d5180268f8f399a4ffb816cfbf500823882b6001c00",
                "0xzz533856d81c76984a8dbc8d563bbb6d6d4ca36ce6c4d6e8cf315de3bfc14ab26d6bcdc37549aeed78bf92e39d5180268f8f399a4ffb816cfbf500823882b6001c"
            })
    void signatureOfTheWrongShapeIsRefused(String value) {
        refused(Reason.INVALID_SIGNATURE, () -> Signature.fromHex(value))
                .withMessageStartingWith("invalid_exact_evm_payload_signature: signature: '" + value
                        + "' is not 0x and 130 hex digits (" + value.length() + " characters)");
    }

    @Test
    void missingSignatureIsRefused() {
        refused(Reason.INVALID_SIGNATURE, () -> Signature.fromHex(null))
                .withMessage(
                        "invalid_exact_evm_payload_signature: signature: missing (expected 0x and 130 hex digits)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"02", "1a", "1d", "25", "ff"})
    void recoveryIdOtherThanZeroOneTwentySevenOrTwentyEightIsRefused(String v) {
        refused(Reason.INVALID_SIGNATURE, () -> Signature.fromHex(R_AND_S + v))
                .withMessage("invalid_exact_evm_payload_signature: v = " + Integer.parseInt(v, 16)
                        + " is not 27 or 28 (nor 0 or 1)");
    }

    @Test
    void recoveryIdsZeroAndOneAreNormalizedOnInput() {
        assertThat(Signature.fromHex(R_AND_S + "00").v()).isEqualTo(27);
        assertThat(Signature.fromHex(R_AND_S + "01").v()).isEqualTo(28);
        assertThat(Signature.fromHex(R_AND_S + "01").toHex()).endsWith("1c");
    }

    @Test
    void highSTwinOfAValidSignatureIsRefusedAsMalleable() {
        Signature low = Signature.fromHex(SIGNATURE);
        BigInteger highS = N.subtract(low.s());

        assertThatThrownBy(() -> new Signature(low.r(), highS, low.v() == 27 ? 28 : 27))
                .isInstanceOfSatisfying(
                        EvmPayloadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE))
                .hasMessage("invalid_exact_evm_payload_signature: s = 0x" + highS.toString(16)
                        + " is in the upper half of the curve order (malleable, EIP-2)");
    }

    @Test
    void zeroOrOutOfOrderRAndSAreRefused() {
        BigInteger one = BigInteger.ONE;
        refused(Reason.INVALID_SIGNATURE, () -> new Signature(BigInteger.ZERO, one, 27))
                .withMessage("invalid_exact_evm_payload_signature: r = 0 is outside [1, n-1] of secp256k1");
        refused(Reason.INVALID_SIGNATURE, () -> new Signature(N, one, 27))
                .withMessage("invalid_exact_evm_payload_signature: r = " + N + " is outside [1, n-1] of secp256k1");
        refused(Reason.INVALID_SIGNATURE, () -> new Signature(one, BigInteger.ZERO, 27))
                .withMessage("invalid_exact_evm_payload_signature: s = 0 is outside [1, n-1] of secp256k1");
    }

    @Test
    void rThatIsNoCurvePointRecoversNoKey() {
        // x = 5 has no point on y^2 = x^3 + 7 over secp256k1's field: 132 is a quadratic non-residue there.
        Signature noPoint = new Signature(BigInteger.valueOf(5), BigInteger.ONE, 27);

        refused(Reason.INVALID_SIGNATURE, () -> Secp256k1.recover(new byte[32], noPoint))
                .withMessage("invalid_exact_evm_payload_signature: no secp256k1 public key recovers from r = 0x5");
    }

    @Test
    void digestOfTheWrongLengthIsRefused() {
        refused(Reason.INVALID_PAYLOAD, () -> Secp256k1.recover(new byte[31], Signature.fromHex(SIGNATURE)))
                .withMessage("invalid_payload: digest: 31 bytes where a digest has 32");
    }

    @Test
    void privateKeyOutsideTheCurveOrderIsRefused() {
        refused(Reason.INVALID_PAYLOAD, () -> PrivateKeySigner.fromHex("0x" + "00".repeat(32)))
                .withMessage("invalid_payload: privateKey: outside [1, n-1] of secp256k1");
        refused(Reason.INVALID_PAYLOAD, () -> PrivateKeySigner.fromHex("0x" + "ff".repeat(32)))
                .withMessage("invalid_payload: privateKey: outside [1, n-1] of secp256k1");
    }

    @Test
    void malformedPrivateKeyIsRefusedWithoutQuotingIt() {
        String almostAKey = "0x9d2675820d55300a05c8991df217a619bcfdc86e2fd91e56443dbbcf159337fZ";

        refused(Reason.INVALID_PAYLOAD, () -> PrivateKeySigner.fromHex(almostAKey))
                .withMessage("invalid_payload: privateKey: not 0x and 64 hex digits (66 characters)");
        refused(Reason.INVALID_PAYLOAD, () -> PrivateKeySigner.fromHex(null))
                .withMessage("invalid_payload: privateKey: not 0x and 64 hex digits (missing)");
    }

    @Test
    void signerRefusesAnAuthorizationFromAnotherAccountAndHidesItsKey() {
        PrivateKeySigner signer = PrivateKeySigner.fromHex(X402VectorsTest.KNOWN_KEY);

        refused(Reason.INVALID_PAYLOAD, () -> signer.sign(X402VectorsTest.BASE_SEPOLIA_USDC, A))
                .withMessage("invalid_payload: authorization.from: 0x857b06519E91e3A54538791bDbb0E22373e36b66 is not"
                        + " this signer's address 0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73");
        assertThat(signer.toString())
                .isEqualTo("PrivateKeySigner[0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73]")
                .doesNotContain("9d2675820d");
    }
}
