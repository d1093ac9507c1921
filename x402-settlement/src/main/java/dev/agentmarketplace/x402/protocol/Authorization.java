package dev.agentmarketplace.x402.protocol;

import dev.agentmarketplace.x402.protocol.X402CodecException.Reason;
import java.math.BigInteger;

/**
 * The EIP-3009 {@code TransferWithAuthorization} message as x402 carries it: addresses as hex
 * strings, the three uint256 values as decimal strings on the wire (here exact {@link BigInteger}s),
 * the nonce as 32 bytes of hex. Whether it is in time or signed by {@code from} is the verifier's
 * question, not the codec's.
 */
public record Authorization(
        String from, String to, BigInteger value, BigInteger validAfter, BigInteger validBefore, String nonce) {

    private static final Reason REASON = Reason.INVALID_PAYLOAD;

    public Authorization {
        Wire.evmAddress(from, REASON, "from");
        Wire.evmAddress(to, REASON, "to");
        Wire.uint256(value, REASON, "value");
        Wire.uint256(validAfter, REASON, "validAfter");
        Wire.uint256(validBefore, REASON, "validBefore");
        Wire.bytes32(nonce, REASON, "nonce");
    }
}
