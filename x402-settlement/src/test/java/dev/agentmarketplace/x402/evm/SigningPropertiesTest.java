package dev.agentmarketplace.x402.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SigningPropertiesTest {
    private static final BigInteger N = Secp256k1.ORDER;
    private final AuthorizationVerifier verifier = new AuthorizationVerifier();

    @Property(tries = 200)
    void signingThenRecoveringYieldsTheSignerWithLowSAndCanonicalV(
            @ForAll("privateKeys") BigInteger privateKey, @ForAll @Size(32) byte[] digest) {
        Signature signature = Secp256k1.sign(privateKey, digest);

        assertThat(signature.s()).isLessThanOrEqualTo(N.shiftRight(1));
        assertThat(signature.v()).isIn(27, 28);
        assertThat(Secp256k1.recover(digest, signature)).isEqualTo(Secp256k1.addressOf(privateKey));
        assertThat(Signature.fromHex(signature.toHex())).isEqualTo(signature);
    }

    @Property(tries = 100)
    void aSignedAuthorizationVerifiesToItsPayer(@ForAll("signed") Signed signed) {
        assertThat(verifier.verifySignature(signed.domain(), signed.authorization(), signed.signature()))
                .isEqualTo(signed.authorization().from());
    }

    @Property(tries = 100)
    void changingAnyFieldOfTheAuthorizationOrDomainFailsVerification(
            @ForAll("signed") Signed signed, @ForAll @IntRange(min = 0, max = 9) int field) {
        TransferWithAuthorization a = signed.authorization();
        Eip712Domain d = signed.domain();
        UnaryOperator<BigInteger> bump = x -> x.add(BigInteger.ONE);
        Eip712Domain domain = switch (field) {
            case 6 -> new Eip712Domain(d.name() + "x", d.version(), d.chainId(), d.verifyingContract());
            case 7 -> new Eip712Domain(d.name(), d.version() + "x", d.chainId(), d.verifyingContract());
            case 8 -> new Eip712Domain(d.name(), d.version(), bump.apply(d.chainId()), d.verifyingContract());
            case 9 -> new Eip712Domain(d.name(), d.version(), d.chainId(), a.to());
            default -> d;
        };
        TransferWithAuthorization authorization = switch (field) {
            case 0 ->
                new TransferWithAuthorization(a.to(), a.to(), a.value(), a.validAfter(), a.validBefore(), a.nonce());
            case 1 ->
                new TransferWithAuthorization(
                        a.from(), a.from(), a.value(), a.validAfter(), a.validBefore(), a.nonce());
            case 2 ->
                new TransferWithAuthorization(
                        a.from(), a.to(), bump.apply(a.value()), a.validAfter(), a.validBefore(), a.nonce());
            case 3 ->
                new TransferWithAuthorization(
                        a.from(), a.to(), a.value(), bump.apply(a.validAfter()), a.validBefore(), a.nonce());
            case 4 ->
                new TransferWithAuthorization(
                        a.from(), a.to(), a.value(), a.validAfter(), bump.apply(a.validBefore()), a.nonce());
            case 5 ->
                new TransferWithAuthorization(
                        a.from(), a.to(), a.value(), a.validAfter(), a.validBefore(), flipLastBit(a.nonce()));
            default -> a;
        };

        assertThatThrownBy(() -> verifier.verifySignature(domain, authorization, signed.signature()))
                .isInstanceOfSatisfying(
                        EvmPayloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(EvmPayloadException.Reason.INVALID_SIGNATURE));
    }

    /** Any change to r or s is refused: as a non-canonical value, an unrecoverable point, or another signer. */
    @Property(tries = 200)
    void changingAnyByteOfROrSFailsVerification(
            @ForAll("signed") Signed signed,
            @ForAll @IntRange(min = 0, max = 63) int position,
            @ForAll @IntRange(min = 1, max = 255) int mask) {
        byte[] bytes = signed.signature().bytes();
        bytes[position] ^= (byte) mask;
        String tampered = "0x" + HexFormat.of().formatHex(bytes);

        assertThatThrownBy(() ->
                        verifier.verifySignature(signed.domain(), signed.authorization(), Signature.fromHex(tampered)))
                .isInstanceOfSatisfying(
                        EvmPayloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(EvmPayloadException.Reason.INVALID_SIGNATURE));
    }

    @Property(tries = 50)
    void theOtherRecoveryIdFailsVerification(@ForAll("signed") Signed signed) {
        Signature s = signed.signature();
        Signature otherParity = new Signature(s.r(), s.s(), s.v() == 27 ? 28 : 27);

        assertThatThrownBy(() -> verifier.verifySignature(signed.domain(), signed.authorization(), otherParity))
                .isInstanceOfSatisfying(
                        EvmPayloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(EvmPayloadException.Reason.INVALID_SIGNATURE));
    }

    @Property(tries = 50)
    void recoveryIdsZeroAndOneVerifyLikeTwentySevenAndTwentyEight(@ForAll("signed") Signed signed) {
        byte[] bytes = signed.signature().bytes();
        bytes[64] -= 27;
        Signature zeroOrOne = Signature.fromHex("0x" + HexFormat.of().formatHex(bytes));

        assertThat(zeroOrOne).isEqualTo(signed.signature());
        assertThat(verifier.verifySignature(signed.domain(), signed.authorization(), zeroOrOne))
                .isEqualTo(signed.authorization().from());
    }

    record Signed(Eip712Domain domain, TransferWithAuthorization authorization, Signature signature) {}

    @Provide
    Arbitrary<BigInteger> privateKeys() {
        return Arbitraries.bigIntegers().between(BigInteger.ONE, N.subtract(BigInteger.ONE));
    }

    @Provide
    Arbitrary<Signed> signed() {
        Arbitrary<BigInteger> uint256 = Arbitraries.bigIntegers()
                .between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.TWO));
        Arbitrary<String> name = Arbitraries.strings().ofMinLength(1).ofMaxLength(20);
        Arbitrary<Eip712Domain> domains =
                Combinators.combine(name, name, uint256, addresses()).as(Eip712Domain::new);
        Arbitrary<Nonce> nonces = Arbitraries.bytes()
                .array(byte[].class)
                .ofSize(32)
                .map(bytes -> Nonce.of("0x" + HexFormat.of().formatHex(bytes)));
        return Combinators.combine(privateKeys(), addresses(), uint256, uint256, uint256, nonces, domains)
                .as((key, to, value, after, before, nonce, domain) -> {
                    PrivateKeySigner signer =
                            PrivateKeySigner.fromHex("0x" + HexFormat.of().formatHex(paddedTo32(key)));
                    TransferWithAuthorization authorization =
                            new TransferWithAuthorization(signer.address(), to, value, after, before, nonce);
                    return new Signed(domain, authorization, signer.sign(domain, authorization));
                })
                // Tampering swaps to into from and the contract: those must differ from the payer.
                .filter(s -> !s.authorization().to().equals(s.authorization().from())
                        && !s.domain()
                                .verifyingContract()
                                .equals(s.authorization().to()));
    }

    private static Arbitrary<EvmAddress> addresses() {
        return Arbitraries.bytes().array(byte[].class).ofSize(EvmAddress.LENGTH).map(EvmAddress::of);
    }

    private static byte[] paddedTo32(BigInteger value) {
        byte[] out = new byte[32];
        Eip712.putWord(value, out, 0);
        return out;
    }

    private static Nonce flipLastBit(Nonce nonce) {
        byte[] bytes = nonce.bytes();
        bytes[31] ^= 1;
        return Nonce.of("0x" + HexFormat.of().formatHex(bytes));
    }
}
