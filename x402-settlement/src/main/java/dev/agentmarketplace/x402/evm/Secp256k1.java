package dev.agentmarketplace.x402.evm;

import dev.agentmarketplace.core.hash.Keccak256;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9IntegerConverter;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/** ECDSA over secp256k1 the way Ethereum uses it: signing a 32-byte digest and recovering the signer. */
public final class Secp256k1 {
    private static final X9ECParameters PARAMETERS = CustomNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters CURVE =
            new ECDomainParameters(PARAMETERS.getCurve(), PARAMETERS.getG(), PARAMETERS.getN(), PARAMETERS.getH());
    static final BigInteger ORDER = CURVE.getN();
    static final BigInteger HALF_ORDER = ORDER.shiftRight(1);
    private static final int DIGEST_LENGTH = 32;

    private Secp256k1() {}

    /**
     * Signs deterministically (RFC 6979 with HMAC-SHA-256, as ethers and viem do, so the same key and
     * digest give the same bytes everywhere) and returns the low-s form with its recovery v.
     */
    public static Signature sign(BigInteger privateKey, byte[] digest) {
        requireDigest(digest);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(requirePrivateKey(privateKey), CURVE));
        BigInteger[] rs = signer.generateSignature(digest);
        BigInteger r = rs[0];
        BigInteger s = rs[1].compareTo(HALF_ORDER) > 0 ? ORDER.subtract(rs[1]) : rs[1];
        EvmAddress signerAddress = addressOf(publicKeyOf(privateKey));
        for (int v = 27; v <= 28; v++) {
            Signature candidate = new Signature(r, s, v);
            if (recoverPoint(digest, candidate)
                    .map(Secp256k1::addressOf)
                    .filter(signerAddress::equals)
                    .isPresent()) {
                return candidate;
            }
        }
        throw new IllegalStateException("neither recovery id reproduces the signing key");
    }

    /** The address whose key made {@code signature} over {@code digest}. */
    public static EvmAddress recover(byte[] digest, Signature signature) {
        requireDigest(digest);
        return recoverPoint(digest, signature)
                .map(Secp256k1::addressOf)
                .orElseThrow(() -> EvmPayloadException.invalidSignature("no secp256k1 public key recovers from r = 0x"
                        + signature.r().toString(16)));
    }

    /** Whether {@code candidate} is a usable private key: an integer in [1, n-1] (SEC 1 §3.2.1). */
    public static boolean isPrivateKey(BigInteger candidate) {
        return candidate != null && candidate.signum() > 0 && candidate.compareTo(ORDER) < 0;
    }

    public static EvmAddress addressOf(BigInteger privateKey) {
        return addressOf(publicKeyOf(requirePrivateKey(privateKey)));
    }

    private static ECPoint publicKeyOf(BigInteger privateKey) {
        return CURVE.getG().multiply(privateKey).normalize();
    }

    /** The last 20 bytes of keccak256 of the uncompressed public key X‖Y (Ethereum yellow paper, Appendix F). */
    private static EvmAddress addressOf(ECPoint publicKey) {
        byte[] uncompressed = publicKey.getEncoded(false);
        byte[] hash = Keccak256.hash(Arrays.copyOfRange(uncompressed, 1, uncompressed.length));
        return EvmAddress.of(Arrays.copyOfRange(hash, hash.length - EvmAddress.LENGTH, hash.length));
    }

    /**
     * SEC 1 §4.1.6 public key recovery. Ethereum's v encodes only the parity of R's y, so R's x is r
     * itself; the x = r + n candidates (probability about 2^-128) are not representable and not tried.
     */
    private static Optional<ECPoint> recoverPoint(byte[] digest, Signature signature) {
        BigInteger r = signature.r();
        if (r.compareTo(CURVE.getCurve().getField().getCharacteristic()) >= 0) {
            return Optional.empty();
        }
        byte[] compressed =
                new X9IntegerConverter().integerToBytes(r, 1 + CURVE.getCurve().getFieldSize() / 8);
        compressed[0] = (byte) (signature.recoveryId() == 1 ? 0x03 : 0x02);
        ECPoint bigR;
        try {
            bigR = CURVE.getCurve().decodePoint(compressed);
        } catch (IllegalArgumentException notOnCurve) {
            return Optional.empty();
        }
        BigInteger e = new BigInteger(1, digest);
        BigInteger rInverse = r.modInverse(ORDER);
        BigInteger u1 = e.negate().mod(ORDER).multiply(rInverse).mod(ORDER);
        BigInteger u2 = signature.s().multiply(rInverse).mod(ORDER);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), u1, bigR, u2).normalize();
        return q.isInfinity() ? Optional.empty() : Optional.of(q);
    }

    private static BigInteger requirePrivateKey(BigInteger privateKey) {
        if (!isPrivateKey(privateKey)) {
            throw EvmPayloadException.invalidPayload("privateKey", "outside [1, n-1] of secp256k1");
        }
        return privateKey;
    }

    private static void requireDigest(byte[] digest) {
        if (digest == null || digest.length != DIGEST_LENGTH) {
            throw EvmPayloadException.invalidPayload(
                    "digest", (digest == null ? "missing" : digest.length + " bytes") + " where a digest has 32");
        }
    }
}
