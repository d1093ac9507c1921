package dev.agentmarketplace.x402.evm;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A secp256k1 signature as x402 carries it: 65 bytes r‖s‖v, {@code 0x} + 130 hex. It is always in
 * canonical form: v is 27 or 28 (0 and 1 are accepted on input and normalized, as x402 asks) and s is
 * in the lower half of the curve order, because a high-s twin of a valid signature also verifies
 * (EIP-2) and would let one authorization pass as two.
 */
public record Signature(BigInteger r, BigInteger s, int v) {
    public static final int LENGTH = 65;

    public Signature {
        if (r == null || r.signum() <= 0 || r.compareTo(Secp256k1.ORDER) >= 0) {
            throw EvmPayloadException.invalidSignature("r = " + r + " is outside [1, n-1] of secp256k1");
        }
        if (s == null || s.signum() <= 0 || s.compareTo(Secp256k1.ORDER) >= 0) {
            throw EvmPayloadException.invalidSignature("s = " + s + " is outside [1, n-1] of secp256k1");
        }
        if (s.compareTo(Secp256k1.HALF_ORDER) > 0) {
            throw EvmPayloadException.invalidSignature(
                    "s = 0x" + s.toString(16) + " is in the upper half of the curve order (malleable, EIP-2)");
        }
        if (v == 0 || v == 1) {
            v += 27;
        }
        if (v != 27 && v != 28) {
            throw EvmPayloadException.invalidSignature("v = " + v + " is not 27 or 28 (nor 0 or 1)");
        }
    }

    public static Signature fromHex(String hex) {
        byte[] bytes = Hex.decode("signature", hex, LENGTH, EvmPayloadException.Reason.INVALID_SIGNATURE);
        return new Signature(
                new BigInteger(1, Arrays.copyOfRange(bytes, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64)),
                bytes[64] & 0xFF);
    }

    /** 0 or 1: which of the two curve points with x = r is the signature's R (its y parity). */
    int recoveryId() {
        return v - 27;
    }

    public byte[] bytes() {
        byte[] out = new byte[LENGTH];
        Eip712.putWord(r, out, 0);
        Eip712.putWord(s, out, Eip712.WORD);
        out[64] = (byte) v;
        return out;
    }

    public String toHex() {
        return Hex.encode(bytes());
    }

    @Override
    public String toString() {
        return toHex();
    }
}
